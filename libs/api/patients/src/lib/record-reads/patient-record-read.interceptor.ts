import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { concatMap, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '@derm/api/auth';
import { AUDITED_READ, AuditedRead, ReadRequest } from './audited-read';
import { PatientRecordReads } from './patient-record-reads.service';
import { ReadNotRecordedException } from './read-not-recorded.exception';

type AuditedHttpRequest = AuthenticatedRequest & ReadRequest & { headers: { 'user-agent'?: string } };

/**
 * Records a route's successful answer in the access log once the handler has it, before it is
 * sent: a refused read (400, 403, 404) writes nothing, and an answer the log cannot record is
 * withheld. The cost is one single-row insert per read.
 */
@Injectable()
export class PatientRecordReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('PatientRecordReads');

  constructor(
    private readonly reflector: Reflector,
    private readonly reads: PatientRecordReads,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const audited = this.reflector.get<AuditedRead>(AUDITED_READ, context.getHandler());
    const request = context.switchToHttp().getRequest<AuditedHttpRequest>();
    return next.handle().pipe(
      concatMap(async (answer) => {
        const patientId = audited.patientOf ? audited.patientOf(request) : null;
        if (patientId === undefined) return answer;
        await this.reads
          .record({
            tenantId: request.user.tenantId,
            userId: request.user.userId,
            patientId,
            read: audited.read,
            signInSessionId: request.session.sessionId,
            userAgent: request.headers['user-agent'],
          })
          .catch((error: unknown) => {
            this.logger.error(
              'Recording a read of patient records failed',
              error instanceof Error ? error.stack : error,
            );
            throw new ReadNotRecordedException();
          });
        return answer;
      }),
    );
  }
}
