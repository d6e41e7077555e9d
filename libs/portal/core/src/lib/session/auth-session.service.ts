import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { LoginRequest, LoginResponse, StaffAccount } from '@derm/shared/contracts';
import { finalize, identity, map, Observable, Subject, tap } from 'rxjs';
import { isPassing, retryAfter } from '../http/retry-lost';
import { ServerSignOut } from './server-sign-out';
import { SignedOutPerson, SignOutBroadcast } from './sign-out-broadcast';

export type SessionUser = LoginResponse['user'];

/**
 * Why a session ended; shown on the login page. `signed-out-in-another-tab`: the same person
 * signed out by hand in another tab of this browser.
 */
export type LogoutReason = 'signed-out' | 'signed-out-in-another-tab' | 'expired' | 'unauthorized' | 'revoked';

export const LOGIN_URL = '/api/auth/login';
export const REFRESH_URL = '/api/auth/refresh';
/**
 * A refresh asked for a role or name changed while signed in is asked again this long after a
 * lost answer or a server error, since the pages follow the old role until it comes.
 */
export const ACCOUNT_REFRESH_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000];
/** Refresh when this share of the token's remaining lifetime has passed. */
const REFRESH_AT = 0.8;
const STORAGE_KEY = 'derm.session';
// setTimeout overflows past 2^31-1 ms; a longer-lived token is re-checked on the next load.
const MAX_TIMER_MS = 2_147_483_647;

/** The signed-in staff member and their access token, kept per browser tab. */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly signOuts = inject(SignOutBroadcast);
  private readonly serverSignOut = inject(ServerSignOut);
  private readonly current = signal<LoginResponse | null>(restore());
  private readonly userChangeSubject = new Subject<SessionUser | null>();
  private readonly roleChangeSubject = new Subject<SessionUser>();
  private expiryTimer?: ReturnType<typeof setTimeout>;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  /** The token a refresh is on its way for, and whether to ask once more when it is answered. */
  private renewing: string | null = null;
  private renewAgain = false;
  private readonly changeUnapplied = signal(false);

  readonly user = computed(() => this.current()?.user ?? null);
  /** Changes on sign-in and sign-out only, not when the token is refreshed. */
  readonly userId = computed(() => this.current()?.user.id ?? null);
  readonly token = computed(() => this.current()?.accessToken ?? null);
  readonly expiresAt = computed(() => this.current()?.expiresAt ?? null);
  readonly isAuthenticated = computed(() => this.current() !== null);
  /**
   * The signed-in person's role or name was changed, and no fresh token carrying it could be had:
   * the pages still follow the old one until a reload or a new sign-in.
   */
  readonly accountChangeUnapplied = this.changeUnapplied.asReadonly();
  /**
   * The next person (null: signed out), emitted synchronously on sign-in and sign-out, right after
   * the signals change. Unlike an effect it runs before any other task (a socket message, a render).
   */
  readonly userChanges$: Observable<SessionUser | null> = this.userChangeSubject.asObservable();
  /** The same person with another role (given while signed in), right after the signals change. */
  readonly roleChanges$: Observable<SessionUser> = this.roleChangeSubject.asObservable();

  constructor() {
    this.scheduleExpiry(this.current());
    // On a shared computer, signing out must not leave the same person's other tabs open.
    this.signOuts.heard$.pipe(takeUntilDestroyed()).subscribe((person) => {
      if (this.isSignedInAs(person)) this.logout('signed-out-in-another-tab');
    });
  }

  login(credentials: LoginRequest): Observable<SessionUser> {
    return this.http.post<LoginResponse>(LOGIN_URL, credentials).pipe(
      tap((response) => this.set(response)),
      map((response) => response.user),
    );
  }

  /**
   * Exchanges the token for a fresh one; on failure the session simply runs out. An answer that
   * comes after the person signed out (or someone else signed in) is dropped: it would sign them
   * back in.
   */
  refresh(): void {
    this.renew(false);
  }

  /** `forAccountChange`: asked again after a passing failure, and said if it could not be had. */
  private renew(forAccountChange: boolean): void {
    const renewing = this.token();
    if (!renewing) return;
    // The answer to the refresh on its way may have read the account before a change asked for
    // now: ask again once it is in, with the token it brings.
    if (this.renewing === renewing) {
      this.renewAgain ||= forAccountChange;
      return;
    }
    this.renewing = renewing;
    this.http
      .post<LoginResponse>(REFRESH_URL, {})
      .pipe(
        forAccountChange ? retryAfter(ACCOUNT_REFRESH_RETRY_DELAYS_MS, isPassing) : identity,
        finalize(() => {
          if (this.renewing !== renewing) return;
          this.renewing = null;
          if (this.renewAgain) {
            this.renewAgain = false;
            this.renew(true);
          }
        }),
      )
      .subscribe({
        next: (response) => {
          if (this.token() !== renewing) return;
          this.changeUnapplied.set(false);
          this.set(response);
        },
        // A 401 has signed the tab out already (authInterceptor); the token then is no longer this one.
        error: () => {
          if (forAccountChange && this.token() === renewing) this.changeUnapplied.set(true);
        },
      });
  }

  /**
   * An admin changed an account of the clinic (`staff:changed`). The signed-in person's own new
   * role or name is taken up at once with a fresh token, which carries the account as it is now,
   * so the token and every page reading `user()` agree. A deactivation is left to the revocation
   * that ends the session; a colleague's change, or another clinic's, changes nothing here.
   */
  accountChanged(tenantId: string, account: StaffAccount): void {
    const user = this.user();
    if (!user || user.tenantId !== tenantId || user.id !== account.id || !account.active) return;
    if (account.role === user.role && account.name === user.name) return;
    this.renew(true);
  }

  /** Asks again for the fresh token of a change that could not be applied (the shell's notice). */
  applyAccountChange(): void {
    this.renew(true);
  }

  /**
   * Signing out by hand (here or, for the same person, in another tab of this browser) also ends
   * the tab's session on the server; only here is it announced to the other tabs. An expiry, a 401
   * or a revocation ends this tab's session alone: the other tabs hold sessions of their own.
   */
  logout(reason: LogoutReason = 'signed-out'): void {
    const ending = this.current();
    this.set(null);
    if (ending && (reason === 'signed-out' || reason === 'signed-out-in-another-tab')) {
      // The server ends the session too; signing out here neither waits for it nor needs it.
      this.serverSignOut.end(ending);
    }
    if (ending && reason === 'signed-out') {
      this.signOuts.announce({ userId: ending.user.id, tenantId: ending.user.tenantId });
    }
    void this.router.navigate(['/login'], reason === 'signed-out' ? {} : { queryParams: { reason } });
  }

  private isSignedInAs({ userId, tenantId }: SignedOutPerson): boolean {
    const user = this.user();
    return user !== null && user.id === userId && user.tenantId === tenantId;
  }

  private set(session: LoginResponse | null): void {
    if (session) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
    }
    const previousUserId = this.userId();
    const previousRole = this.user()?.role;
    this.current.set(session);
    this.scheduleExpiry(session);
    if (this.userId() !== previousUserId) {
      // A refresh still on its way was for the previous person: nothing is asked again for the next.
      this.renewing = null;
      this.renewAgain = false;
      this.changeUnapplied.set(false);
      this.userChangeSubject.next(this.user());
    } else if (session && session.user.role !== previousRole) {
      this.roleChangeSubject.next(session.user);
    }
  }

  private scheduleExpiry(session: LoginResponse | null): void {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.refreshTimer);
    if (!session) return;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    if (remaining < MAX_TIMER_MS) {
      this.expiryTimer = setTimeout(() => this.logout('expired'), Math.max(remaining, 0));
      this.refreshTimer = setTimeout(() => this.refresh(), Math.max(remaining * REFRESH_AT, 0));
    }
  }
}

function restore(): LoginResponse | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    const session = stored ? (JSON.parse(stored) as LoginResponse) : null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}
