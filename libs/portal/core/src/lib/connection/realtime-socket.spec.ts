import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FakeBrowserTabs } from '../../testing/fake-browser-tabs';
import { loginResponse, storeSession } from '../../testing/portal-testing';
import { AuthSession } from '../session/auth-session.service';
import { SESSION_CHANNEL } from '../session/sign-out-broadcast';
import { disposeSocket, REALTIME_SOCKET_FACTORY } from './realtime-socket';

describe('REALTIME_SOCKET_FACTORY', () => {
  beforeEach(() => {
    sessionStorage.clear();
    // The factory as the portal provides it; nothing connects while the test runs.
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', children: [] }]),
        { provide: SESSION_CHANNEL, useFactory: () => new FakeBrowserTabs().open() },
      ],
    });
  });

  it('makes a new, unconnected client with a Manager of its own each time', () => {
    storeSession(loginResponse('nurse'));
    const make = TestBed.inject(REALTIME_SOCKET_FACTORY);
    const first = make();
    const second = make();
    expect(second).not.toBe(first);
    expect(second.io).not.toBe(first.io);
    expect(first.connected).toBe(false);
    expect(first.active).toBe(false);
    disposeSocket(first);
    disposeSocket(second);
  });

  it('sends the token current at each connection attempt, not the one it was made with, and asks for batched presence', () => {
    const session = loginResponse('nurse');
    storeSession(session);
    const socket = TestBed.inject(REALTIME_SOCKET_FACTORY)();
    const sent: object[] = [];
    const { auth } = socket;
    if (typeof auth !== 'function') throw new Error('auth must be a function, called before every attempt');
    auth((data) => sent.push(data));

    TestBed.inject(AuthSession).logout('expired');
    auth((data) => sent.push(data));
    expect(sent).toEqual([
      { token: session.accessToken, presence: 'batched' },
      { token: '', presence: 'batched' },
    ]);
    disposeSocket(socket);
  });
});
