import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { NEXT_CURSOR_HEADER } from '@derm/shared/contracts';
import { Page } from './keyset';

/** Answers a {@link Page} as the contract's plain array, with the next cursor in a header. */
@Injectable()
export class PaginatedInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<Page<unknown>>): Observable<unknown[]> {
    const response = context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>();
    return next.handle().pipe(
      map(({ items, nextCursor }) => {
        if (nextCursor) response.setHeader(NEXT_CURSOR_HEADER, nextCursor);
        return items;
      }),
    );
  }
}

/** On a list route whose handler returns a `Page<T>`: the client gets `T[]` and `X-Next-Cursor`. */
export const Paginated = () => UseInterceptors(PaginatedInterceptor);
