import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthSession, LOGIN_URL } from './auth-session.service';

/**
 * Whom each request was first sent for. A request sent again (`retryLost` after a lost answer)
 * comes through here as the same object, and goes only for that person: never in the name of
 * whoever signed in on the tab meanwhile.
 */
const sentFor = new WeakMap<HttpRequest<unknown>, string | null>();

/**
 * Adds the bearer token to API calls; a 401 means the session is gone, so sign out, unless the
 * request was the previous person's (answered after they signed out): the next one stays.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(AuthSession);
  const userId = session.userId();
  if (!sentFor.has(request)) sentFor.set(request, userId);
  else if (sentFor.get(request) !== userId) return throwError(() => signedOutBeforeSentAgain(request));

  const token = session.token();
  const authenticates = token !== null && request.url.startsWith('/api/') && request.url !== LOGIN_URL;
  const outgoing = authenticates ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;

  return next(outgoing).pipe(
    catchError((error: unknown) => {
      const sameSession = session.token() === token;
      if (authenticates && sameSession && error instanceof HttpErrorResponse && error.status === 401) {
        session.logout('unauthorized');
      }
      return throwError(() => error);
    }),
  );
};

/** A refusal, so that nothing retries it: the person who made the request has signed out. */
function signedOutBeforeSentAgain(request: HttpRequest<unknown>): HttpErrorResponse {
  return new HttpErrorResponse({
    url: request.urlWithParams,
    status: 401,
    statusText: 'Signed out before it was sent again',
  });
}
