import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { LoginRequest, LoginResponse } from '@derm/shared/contracts';
import { map, Observable, tap } from 'rxjs';

export type SessionUser = LoginResponse['user'];

/** Why a session ended; shown on the login page. */
export type LogoutReason = 'signed-out' | 'expired' | 'unauthorized';

export const LOGIN_URL = '/api/auth/login';
const STORAGE_KEY = 'derm.session';
// setTimeout overflows past 2^31-1 ms; a longer-lived token is re-checked on the next load.
const MAX_TIMER_MS = 2_147_483_647;

/** The signed-in staff member and their access token, kept per browser tab. */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly current = signal<LoginResponse | null>(restore());
  private expiryTimer?: ReturnType<typeof setTimeout>;

  readonly user = computed(() => this.current()?.user ?? null);
  readonly token = computed(() => this.current()?.accessToken ?? null);
  readonly expiresAt = computed(() => this.current()?.expiresAt ?? null);
  readonly isAuthenticated = computed(() => this.current() !== null);

  constructor() {
    this.scheduleExpiry(this.current());
  }

  login(credentials: LoginRequest): Observable<SessionUser> {
    return this.http.post<LoginResponse>(LOGIN_URL, credentials).pipe(
      tap((response) => this.set(response)),
      map((response) => response.user),
    );
  }

  logout(reason: LogoutReason = 'signed-out'): void {
    this.set(null);
    void this.router.navigate(['/login'], reason === 'signed-out' ? {} : { queryParams: { reason } });
  }

  private set(session: LoginResponse | null): void {
    if (session) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
    }
    this.current.set(session);
    this.scheduleExpiry(session);
  }

  private scheduleExpiry(session: LoginResponse | null): void {
    clearTimeout(this.expiryTimer);
    if (!session) return;
    const remaining = Date.parse(session.expiresAt) - Date.now();
    if (remaining < MAX_TIMER_MS) {
      this.expiryTimer = setTimeout(() => this.logout('expired'), Math.max(remaining, 0));
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
