import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { appointmentETag, AppointmentSummary } from '@derm/shared/contracts';

/** An answer that is one appointment carries its version as the `ETag`, for a later `If-Match`. */
@Injectable()
export class AppointmentETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((answer: Partial<AppointmentSummary> | undefined) => {
        if (typeof answer?.version !== 'number') return;
        context
          .switchToHttp()
          .getResponse<{ setHeader(name: string, value: string): void }>()
          .setHeader('ETag', appointmentETag(answer.version));
      }),
    );
  }
}
