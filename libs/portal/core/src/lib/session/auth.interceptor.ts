import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AuthSession, LOGIN_URL } from './auth-session.service';

/** Adds the bearer token to API calls; a 401 means the session is gone, so sign out. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(AuthSession);
  const token = session.token();
  const authenticates = token !== null && request.url.startsWith('/api/') && request.url !== LOGIN_URL;
  const outgoing = authenticates ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;

  return next(outgoing).pipe(
    catchError((error: unknown) => {
      if (authenticates && error instanceof HttpErrorResponse && error.status === 401) {
        session.logout('unauthorized');
      }
      return throwError(() => error);
    }),
  );
};
