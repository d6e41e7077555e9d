import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { concatMap, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '@derm/api/auth';
import { AUDITED_READ, AuditedRead, PatientOf, ReadRequest } from './audited-read';
import { PatientRecordReads } from './patient-record-reads.service';
import { ReadNotRecordedException } from './read-not-recorded.exception';

type AuditedHttpRequest = AuthenticatedRequest & ReadRequest & { headers: { 'user-agent'?: string } };

/**
 * Records a route's successful answer in the access log once the handler has it, before it is
 * sent: a refused read (400, 403, 404) writes nothing, and an answer the log cannot record (nor
 * find the patient of) is withheld. The cost is one single-row insert per read, and the finder's
 * lookup for a route whose patient only it knows.
 */
@Injectable()
export class PatientRecordReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('PatientRecordReads');

  constructor(
    private readonly reflector: Reflector,
    private readonly reads: PatientRecordReads,
    private readonly modules: ModuleRef,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const audited = this.reflector.get<AuditedRead>(AUDITED_READ, context.getHandler());
    const request = context.switchToHttp().getRequest<AuditedHttpRequest>();
    return next.handle().pipe(
      concatMap(async (answer) => {
        await this.record(audited, request, answer).catch((error: unknown) => {
          this.logger.error('Recording a read of patient records failed', error instanceof Error ? error.stack : error);
          throw new ReadNotRecordedException();
        });
        return answer;
      }),
    );
  }

  private async record(audited: AuditedRead, request: AuditedHttpRequest, answer: unknown): Promise<void> {
    const patientId = audited.ofPatient && (await this.patientOf(audited.ofPatient.patientOf, request, answer));
    const read = patientId ? audited.ofPatient?.read : audited.ofList;
    if (!read) return;
    await this.reads.record({
      tenantId: request.user.tenantId,
      userId: request.user.userId,
      patientId: patientId ?? null,
      read,
      signInSessionId: request.session.sessionId,
      userAgent: request.headers['user-agent'],
    });
  }

  private patientOf(patientOf: PatientOf, request: AuditedHttpRequest, answer: unknown): Promise<string | undefined> {
    return typeof patientOf === 'function'
      ? Promise.resolve(patientOf(request, answer))
      : this.modules.get(patientOf.finder, { strict: false }).patientOf(request);
  }
}
