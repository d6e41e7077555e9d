import { HttpBackend, HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { LoginResponse } from '@derm/shared/contracts';
import { fromEvent, Observable, retry, take, takeUntil, throwError, timer } from 'rxjs';
import { isLost } from '../http/retry-lost';

export const LOGOUT_URL = '/api/auth/logout';
const LONGEST_WAIT_MS = 60_000;

/**
 * Ends a signed-out tab's session on the server too. One whose request got no answer (the network
 * was down) is sent again once the browser is back online, or with a growing wait while it is
 * online but unanswered, until the token would have lapsed anyway: on a shared computer a session
 * must not stay usable for hours after its person left. Sent past the interceptors: it carries its
 * own token, whoever signs in on the tab meanwhile.
 */
@Injectable({ providedIn: 'root' })
export class ServerSignOut {
  private readonly http = new HttpClient(inject(HttpBackend));

  end({ accessToken, expiresAt }: LoginResponse): void {
    this.http
      .post<void>(LOGOUT_URL, null, { headers: { Authorization: `Bearer ${accessToken}` } })
      .pipe(
        retry({ delay: (error: unknown, attempt: number) => whenToSendAgain(error, attempt) }),
        takeUntil(timer(new Date(expiresAt))),
      )
      .subscribe({ error: () => undefined });
  }
}

function whenToSendAgain(error: unknown, attempt: number): Observable<unknown> {
  if (!isLost(error)) return throwError(() => error);
  if (!navigator.onLine) return fromEvent(window, 'online').pipe(take(1));
  return timer(Math.min(1000 * 2 ** (attempt - 1), LONGEST_WAIT_MS));
}
