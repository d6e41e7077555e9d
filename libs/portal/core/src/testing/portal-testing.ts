import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LoginResponse, SessionReady } from '@derm/shared/contracts';
import { REALTIME_SOCKET_FACTORY } from '../lib/connection/realtime-socket';
import { AuthSession, LOGIN_URL } from '../lib/session/auth-session.service';
import { authInterceptor } from '../lib/session/auth.interceptor';
import { SESSION_CHANNEL } from '../lib/session/sign-out-broadcast';
import { FakeBrowserTabs } from './fake-browser-tabs';
import { FakeRealtimeSocket } from './fake-realtime-socket';

const STORAGE_KEY = 'derm.session';
const HOUR_MS = 3_600_000;

/** What `POST /api/auth/login` answers for a person of a clinic. */
export function loginResponse(id: string, tenantId = 'riverside', lifetimeMs = HOUR_MS): LoginResponse {
  return {
    accessToken: `token-of-${id}-${Math.random().toString(36).slice(2)}`,
    expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    user: {
      id,
      name: `Person ${id}`,
      role: 'nurse',
      tenantId,
      tenantName: tenantId,
      email: `${id}@${tenantId}.test`,
      timeZone: 'UTC',
    },
  };
}

/** A tab that was already signed in when the portal started (the session kept in `sessionStorage`). */
export function storeSession(session: LoginResponse): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function ready(session: LoginResponse, recovered = false): SessionReady {
  return {
    userId: session.user.id,
    tenantId: session.user.tenantId,
    role: session.user.role,
    recovered,
    serverTime: new Date().toISOString(),
  };
}

/**
 * TestBed with the real session and connection, HTTP answered by the test, and a fake
 * ngx-socket-io client per signed-in person: `sockets` in the order they were made, and `log`
 * notes each making, for tests to add what happened around it; `onSocket` runs just before each.
 * `tabs`: this browser's tabs, the one under test among them; `tabs.open()` is another one.
 */
export function setUpPortalCore(onSocket?: () => void): {
  sockets: FakeRealtimeSocket[];
  log: string[];
  tabs: FakeBrowserTabs;
} {
  const sockets: FakeRealtimeSocket[] = [];
  const log: string[] = [];
  const tabs = new FakeBrowserTabs();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'login', children: [] },
        { path: '**', children: [] },
      ]),
      {
        provide: REALTIME_SOCKET_FACTORY,
        useValue: () => {
          onSocket?.();
          const socket = new FakeRealtimeSocket();
          sockets.push(socket);
          log.push(`socket ${sockets.length} made`);
          return socket;
        },
      },
      { provide: SESSION_CHANNEL, useFactory: () => tabs.open() },
    ],
  });
  return { sockets, log, tabs };
}

/** Signs in through the login form's call, answered with `session`. */
export function signIn(session: LoginResponse): void {
  TestBed.inject(AuthSession).login({ email: session.user.email, password: 'demo-password' }).subscribe();
  TestBed.inject(HttpTestingController).expectOne(LOGIN_URL).flush(session);
}

/** The socket's handshake is accepted and the server says the session is ready. */
export function connect(socket: FakeRealtimeSocket, session: LoginResponse, recovered = false): void {
  socket.opens(recovered);
  socket.serverSends('session:ready', ready(session, recovered));
}
