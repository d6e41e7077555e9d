import { HttpTestingController } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Ack, LoginResponse, ServerEventPayloadMap, SessionRefreshResult, StaffAccount } from '@derm/shared/contracts';
import { ConnectionStatus } from '@derm/portal/util';
import { FakeRealtimeSocket } from '../../testing/fake-realtime-socket';
import { connect, loginResponse, ready, setUpPortalCore, signIn, storeSession } from '../../testing/portal-testing';
import { AuthSession, REFRESH_URL } from '../session/auth-session.service';
import { ACK_TIMEOUT_MS, ConnectionService } from './connection.service';
import { RECONNECT_BACKOFF, REFUSED_RETRY } from './realtime-socket';
import { REFRESH_RETRY_DELAY_MS, REFRESH_RETRY_MARGIN_MS } from './refresh-retry';

describe('ConnectionService', () => {
  let sockets: FakeRealtimeSocket[];
  let log: string[];

  beforeEach(() => {
    sessionStorage.clear();
    ({ sockets, log } = setUpPortalCore());
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    jest.useRealTimers();
  });

  function live(): { connection: ConnectionService; socket: FakeRealtimeSocket; session: LoginResponse } {
    const session = loginResponse('nurse');
    storeSession(session);
    const connection = TestBed.inject(ConnectionService);
    const socket = sockets[0]!;
    socket.opens();
    socket.serverSends('session:ready', ready(session));
    return { connection, socket, session };
  }

  it('opens no socket without a session, and one, connecting, for a tab already signed in', () => {
    const signedOut = TestBed.inject(ConnectionService);
    expect(sockets).toHaveLength(0);
    expect(signedOut.status()).toEqual({ state: 'idle' });

    TestBed.resetTestingModule();
    ({ sockets, log } = setUpPortalCore());
    storeSession(loginResponse('nurse'));
    const signedIn = TestBed.inject(ConnectionService);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.connectCalls).toBe(1);
    expect(signedIn.status().state).toBe('connecting');
  });

  it('is connected once the handshake is accepted, and says so on status$ too', () => {
    storeSession(loginResponse('nurse'));
    const connection = TestBed.inject(ConnectionService);
    const seen: ConnectionStatus[] = [];
    connection.status$.subscribe((status) => seen.push(status));
    sockets[0]!.opens(true);
    expect(connection.status()).toMatchObject({ state: 'connected', recovered: true });
    expect(connection.status().lastConnectedAt).toBeDefined();
    expect(seen.map((status) => status.state)).toEqual(['connecting', 'connected']);
  });

  it('asks for a re-sync only after a reconnection that did not recover the missed events', () => {
    const { connection, socket, session } = live();
    const readies: boolean[] = [];
    let resyncs = 0;
    connection.ready$.subscribe((r) => readies.push(r.recovered));
    connection.resync$.subscribe(() => (resyncs += 1));

    socket.drops();
    expect(connection.status().state).toBe('reconnecting');
    socket.managerSends('reconnect_attempt', 2);
    expect(connection.status()).toMatchObject({ state: 'reconnecting', attempt: 2 });
    socket.opens(true);
    socket.serverSends('session:ready', ready(session, true));
    expect(resyncs).toBe(0);

    socket.drops();
    socket.opens(false);
    socket.serverSends('session:ready', ready(session, false));
    expect(readies).toEqual([true, false]);
    expect(resyncs).toBe(1);
  });

  it('delivers a typed event to each subscriber until it unsubscribes', () => {
    const { connection, socket } = live();
    const received: string[] = [];
    const subscription = connection.on('presence:offline').subscribe((offline) => received.push(offline.userId));
    socket.serverSends('presence:offline', { userId: 'u1', lastSeenAt: new Date().toISOString() });
    subscription.unsubscribe();
    socket.serverSends('presence:offline', { userId: 'u2', lastSeenAt: new Date().toISOString() });
    expect(received).toEqual(['u1']);
  });

  describe('commands', () => {
    it('resolves with the server’s acknowledgement, sent with the acknowledgement timeout', async () => {
      const { connection, socket } = live();
      socket.answer('presence:list', async () => ({ ok: true, online: [] }));
      await expect(connection.emit('presence:list', {})).resolves.toEqual({ ok: true, online: [] });
      expect(socket.sent).toEqual([{ command: 'presence:list', payload: {}, timeoutMs: ACK_TIMEOUT_MS }]);
    });

    it('passes a refusal of the server on as it came', async () => {
      const { connection, socket } = live();
      socket.answer('patient:view-start', async () => ({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'No such patient.' },
      }));
      await expect(connection.emit('patient:view-start', { patientId: 'p9' })).resolves.toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'No such patient.' },
      });
    });

    it('resolves with NOT_CONNECTED, sending nothing, while not connected', async () => {
      const { connection, socket } = live();
      socket.drops();
      const outcome = await connection.emit('presence:list', {});
      expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
      expect(socket.sent).toEqual([]);
    });

    it('resolves with TIMED_OUT when no acknowledgement comes in time', async () => {
      const { connection } = live();
      await expect(connection.emit('thread:join', { threadId: 't1' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'TIMED_OUT' },
      });
    });
  });

  describe('the browser going offline and online', () => {
    const browserGoes = (event: 'offline' | 'online') => window.dispatchEvent(new Event(event));

    it('leaves connected at once on offline, closing the socket, and connects again at once on online', () => {
      const { connection, socket, session } = live();
      const lastConnectedAt = connection.status().lastConnectedAt;

      browserGoes('offline');
      expect(connection.status()).toEqual({ state: 'offline', lastConnectedAt });
      expect(socket.disconnectCalls).toBe(1);
      expect(socket.active).toBe(false);

      browserGoes('online');
      expect(connection.status().state).toBe('connecting');
      expect(socket.connectCalls).toBe(2);
      connect(socket, session);
      expect(connection.status().state).toBe('connected');
    });

    it('stops Socket.IO’s retries while offline, and stays offline through their last events', () => {
      const { connection, socket } = live();
      socket.drops();
      browserGoes('offline');
      expect(connection.status().state).toBe('offline');
      expect(socket.active).toBe(false);
      socket.drops('transport close');
      expect(connection.status().state).toBe('offline');
    });

    it('does not connect a tab that starts without a network until it is back', () => {
      jest.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
      storeSession(loginResponse('nurse'));
      const connection = TestBed.inject(ConnectionService);
      expect(connection.status().state).toBe('offline');
      expect(sockets[0]!.connectCalls).toBe(0);
      jest.restoreAllMocks();
      browserGoes('online');
      expect(sockets[0]!.connectCalls).toBe(1);
      expect(connection.status().state).toBe('connecting');
    });

    it('leaves a signed-out tab idle', () => {
      const connection = TestBed.inject(ConnectionService);
      browserGoes('offline');
      expect(connection.status()).toEqual({ state: 'idle' });
      browserGoes('online');
      expect(connection.status()).toEqual({ state: 'idle' });
      expect(sockets).toHaveLength(0);
    });
  });

  describe('commands made while not connected', () => {
    const browserGoes = (event: 'offline' | 'online') => window.dispatchEvent(new Event(event));

    it('queues an acknowledgement and sends it once at the next session:ready, resolving with its ack', async () => {
      const { connection, socket, session } = live();
      socket.answer('notification:ack', async () => ({ ok: true }));
      browserGoes('offline');
      let outcome: unknown = 'waiting';
      void connection.emit('notification:ack', { id: 'n1' }).then((ack) => (outcome = ack));
      await Promise.resolve();
      expect(outcome).toBe('waiting');
      expect(socket.sent).toEqual([]);
      expect(connection.queued()).toEqual([{ command: 'notification:ack', payload: { id: 'n1' } }]);

      browserGoes('online');
      socket.opens();
      expect(socket.sent).toEqual([]);
      socket.serverSends('session:ready', ready(session));
      await TestBed.inject(ApplicationRef).whenStable();
      expect(outcome).toEqual({ ok: true });
      expect(socket.sent.filter(({ command }) => command !== 'session:refresh')).toEqual([
        { command: 'notification:ack', payload: { id: 'n1' }, timeoutMs: ACK_TIMEOUT_MS },
      ]);
      expect(connection.queued()).toEqual([]);
    });

    it('queues mark-read while reconnecting too, in order, and the same command twice is sent once', async () => {
      const { connection, socket, session } = live();
      socket.answer('notification:ack', async () => ({ ok: true }));
      socket.answer('message:mark-read', async () => ({ ok: true, unread: { total: 0, byThread: {} } }));
      socket.drops();
      const acks = [
        connection.emit('message:mark-read', { threadId: 't1', messageId: 'm1' }),
        connection.emit('notification:ack', { id: 'n1' }),
        connection.emit('notification:ack', { id: 'n1' }),
      ];
      connect(socket, session);
      await expect(Promise.all(acks)).resolves.toEqual([
        { ok: true, unread: { total: 0, byThread: {} } },
        { ok: true },
        { ok: true },
      ]);
      expect(socket.sent.map(({ command }) => command)).toEqual(['message:mark-read', 'notification:ack']);
    });

    it('replays a queued command with the idempotency key it was made with; the same action again shares it', async () => {
      const { connection, socket, session } = live();
      socket.answer('notification:ack', async () => ({ ok: true }));
      socket.drops();
      const acks = [
        connection.emit('notification:ack', { id: 'n1', idempotencyKey: 'first-key-0123456789' }),
        connection.emit('notification:ack', { id: 'n1', idempotencyKey: 'second-key-0123456789' }),
        connection.emit('notification:ack', { id: 'n2', idempotencyKey: 'third-key-0123456789' }),
      ];
      connect(socket, session);
      await expect(Promise.all(acks)).resolves.toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      expect(socket.sent.filter(({ command }) => command === 'notification:ack').map(({ payload }) => payload)).toEqual(
        [
          { id: 'n1', idempotencyKey: 'first-key-0123456789' },
          { id: 'n2', idempotencyKey: 'third-key-0123456789' },
        ],
      );
    });

    it('fails every other command at once with NOT_CONNECTED, sending nothing then or later', async () => {
      const { connection, socket, session } = live();
      browserGoes('offline');
      for (const outcome of [
        await connection.emit('typing:start', { threadId: 't1' }),
        await connection.emit('presence:list', {}),
        await connection.emit('thread:join', { threadId: 't1' }),
      ]) {
        expect(outcome).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
      }
      expect(connection.queued()).toEqual([]);
      browserGoes('online');
      connect(socket, session);
      expect(socket.sent).toEqual([]);
    });

    it('empties the queue at sign-out: the next person’s socket never sends it', async () => {
      const { connection, socket } = live();
      browserGoes('offline');
      const outcome = connection.emit('notification:ack', { id: 'nurse-alert' });
      TestBed.inject(AuthSession).logout('expired');
      await expect(outcome).resolves.toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
      expect(connection.queued()).toEqual([]);

      browserGoes('online');
      const next = loginResponse('frontdesk', 'lakeside');
      signIn(next);
      sockets[1]!.answer('notification:ack', async () => ({ ok: true }));
      connect(sockets[1]!, next);
      await TestBed.inject(ApplicationRef).whenStable();
      expect(sockets[1]!.sent.filter(({ command }) => command === 'notification:ack')).toEqual([]);
      expect(socket.sent).toEqual([]);
    });

    it('sends nothing more of the queue on the next person’s socket when the person signs out while it is being sent', async () => {
      const { connection, socket, session } = live();
      let answerFirst!: () => void;
      socket.answer('notification:ack', () => new Promise((resolve) => (answerFirst = () => resolve({ ok: true }))));
      socket.drops();
      const first = connection.emit('notification:ack', { id: 'nurse-alert-1' });
      const second = connection.emit('notification:ack', { id: 'nurse-alert-2' });
      connect(socket, session);
      expect(socket.sent.map(({ payload }) => payload)).toEqual([{ id: 'nurse-alert-1' }]);

      TestBed.inject(AuthSession).logout('expired');
      const next = loginResponse('frontdesk', 'lakeside');
      signIn(next);
      sockets[1]!.answer('notification:ack', async () => ({ ok: true }));
      connect(sockets[1]!, next);
      answerFirst();

      await expect(first).resolves.toEqual({ ok: true });
      await expect(second).resolves.toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
      expect(sockets[1]!.sent.filter(({ command }) => command === 'notification:ack')).toEqual([]);
      expect(socket.sent.map(({ payload }) => payload)).toEqual([{ id: 'nurse-alert-1' }]);
    });
  });

  describe('a change of user', () => {
    it('closes the previous socket, resets per-user state, then opens the next person’s, in that order', () => {
      const { connection, socket } = live();
      connection.userChanged$.subscribe((user) => log.push(`user changed to ${user?.id ?? 'nobody'}`));

      TestBed.inject(AuthSession).logout();
      TestBed.inject(HttpTestingController).expectOne('/api/auth/logout').flush(null);
      expect(socket.disconnectCalls).toBe(1);
      expect(socket.listenerCount()).toBe(0);
      expect(connection.status()).toEqual({ state: 'idle' });

      signIn(loginResponse('frontdesk', 'lakeside'));
      expect(log).toEqual(['socket 1 made', 'user changed to nobody', 'user changed to frontdesk', 'socket 2 made']);
      expect(sockets[1]!.connectCalls).toBe(1);
      expect(connection.status().state).toBe('connecting');
    });

    it('moves each event subscription to the next person’s socket; nothing of the previous one arrives', () => {
      const { connection, socket } = live();
      const received: string[] = [];
      connection.on('presence:offline').subscribe((offline) => received.push(offline.userId));

      TestBed.inject(AuthSession).logout('expired');
      signIn(loginResponse('frontdesk', 'lakeside'));
      socket.serverSends('presence:offline', { userId: 'riverside-colleague', lastSeenAt: new Date().toISOString() });
      sockets[1]!.opens();
      sockets[1]!.serverSends('presence:offline', {
        userId: 'lakeside-colleague',
        lastSeenAt: new Date().toISOString(),
      });
      expect(received).toEqual(['lakeside-colleague']);
    });

    it('starts the next person’s first session:ready afresh: no re-sync for it', () => {
      const { connection } = live();
      let resyncs = 0;
      connection.resync$.subscribe(() => (resyncs += 1));
      TestBed.inject(AuthSession).logout('expired');
      const next = loginResponse('frontdesk');
      signIn(next);
      sockets[1]!.opens();
      sockets[1]!.serverSends('session:ready', ready(next, false));
      expect(resyncs).toBe(0);
    });

    it('keeps the socket for a refreshed token and hands the token to it', async () => {
      const session = loginResponse('nurse');
      storeSession(session);
      TestBed.inject(ConnectionService);
      await TestBed.inject(ApplicationRef).whenStable();
      const socket = sockets[0]!;
      socket.opens();
      socket.serverSends('session:ready', ready(session));
      socket.answer('session:refresh', async () => ({ ok: true, expiresAt: session.expiresAt }));
      TestBed.inject(AuthSession).refresh();
      const refreshed = { ...session, accessToken: 'refreshed-token' };
      TestBed.inject(HttpTestingController).expectOne(REFRESH_URL).flush(refreshed);
      await TestBed.inject(ApplicationRef).whenStable();
      expect(sockets).toHaveLength(1);
      expect(socket.sent).toEqual([
        { command: 'session:refresh', payload: { token: 'refreshed-token' }, timeoutMs: ACK_TIMEOUT_MS },
      ]);
    });
  });

  describe('handing a refreshed token to the live socket when the server does not take it at once', () => {
    const TOKEN_LIFETIME_MS = 60_000;
    type RefreshAnswer = Ack<SessionRefreshResult> | 'no answer';
    const rateLimited = (retryInMs?: number): RefreshAnswer => ({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many session refreshes', retryInMs },
    });
    const taken: RefreshAnswer = { ok: true, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };

    /** A live socket whose token runs out in a minute, refreshed now; the server answers in turn. */
    async function refreshedWhileServerAnswers(...answers: RefreshAnswer[]): Promise<() => number> {
      jest.useFakeTimers();
      const session = loginResponse('nurse', 'riverside', TOKEN_LIFETIME_MS);
      storeSession(session);
      TestBed.inject(ConnectionService);
      TestBed.tick();
      const socket = sockets[0]!;
      connect(socket, session);
      socket.answer('session:refresh', () => {
        const answer = answers.shift() ?? 'no answer';
        return answer === 'no answer' ? Promise.reject(new Error('operation has timed out')) : Promise.resolve(answer);
      });
      TestBed.inject(AuthSession).refresh();
      const fresh = {
        ...session,
        accessToken: 'fresh-token',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      };
      TestBed.inject(HttpTestingController).expectOne(REFRESH_URL).flush(fresh);
      TestBed.tick();
      await jest.advanceTimersByTimeAsync(0);
      const isFreshRefresh = ({ command, payload }: (typeof socket.sent)[number]) =>
        command === 'session:refresh' && (payload as { token: string }).token === 'fresh-token';
      return () => socket.sent.filter(isFreshRefresh).length;
    }

    it('sends it again after the wait a RATE_LIMITED refusal names, and no more once it is taken', async () => {
      const sent = await refreshedWhileServerAnswers(rateLimited(5_000), taken);
      expect(sent()).toBe(1);
      await jest.advanceTimersByTimeAsync(4_999);
      expect(sent()).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(sent()).toBe(2);
      await jest.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS);
      expect(sent()).toBe(2);
    });

    it('sends it again a moment after its answer was lost, or after a refusal that names no wait', async () => {
      const sent = await refreshedWhileServerAnswers('no answer', rateLimited(), taken);
      expect(sent()).toBe(1);
      await jest.advanceTimersByTimeAsync(REFRESH_RETRY_DELAY_MS);
      expect(sent()).toBe(2);
      await jest.advanceTimersByTimeAsync(REFRESH_RETRY_DELAY_MS);
      expect(sent()).toBe(3);
      await jest.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS);
      expect(sent()).toBe(3);
    });

    it('tries once more before the old token runs out when the named wait is longer, and never after', async () => {
      const sent = await refreshedWhileServerAnswers(
        rateLimited(10 * TOKEN_LIFETIME_MS),
        rateLimited(10 * TOKEN_LIFETIME_MS),
      );
      await jest.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - REFRESH_RETRY_MARGIN_MS - 1);
      expect(sent()).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(sent()).toBe(2);
      await jest.advanceTimersByTimeAsync(10 * TOKEN_LIFETIME_MS);
      expect(sent()).toBe(2);
    });

    it('sends nothing more once the person signed out, not on the next person’s socket either', async () => {
      const sent = await refreshedWhileServerAnswers(rateLimited(5_000), taken);
      TestBed.inject(AuthSession).logout('signed-out');
      TestBed.inject(HttpTestingController).expectOne('/api/auth/logout').flush(null);
      const next = loginResponse('frontdesk');
      signIn(next);
      // The next person's token is read while their socket is still connecting: nothing to hand over.
      TestBed.tick();
      connect(sockets[1]!, next);
      sockets[1]!.answer('session:refresh', async () => taken);
      await jest.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS);
      expect(sent()).toBe(1);
      expect(sockets[1]!.sent.map(({ payload }) => payload)).not.toContainEqual({ token: 'fresh-token' });
    });

    it('does not send again what the server refused for good', async () => {
      const sent = await refreshedWhileServerAnswers({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Another session' },
      });
      await jest.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS);
      expect(sent()).toBe(1);
    });
  });

  describe('the signed-in person’s own account, changed by an admin (staff:changed)', () => {
    function staffChanged(
      tenantId: string,
      account: Partial<StaffAccount> & { id: string },
    ): ServerEventPayloadMap['staff:changed'] {
      return {
        id: `event-${Math.random()}`,
        type: 'staff:changed',
        tenantId,
        occurredAt: new Date().toISOString(),
        actor: { id: 'admin', name: 'Alma Reyes' },
        data: { account: { name: `Person ${account.id}`, role: 'nurse', active: true, ...account } },
      };
    }

    async function liveWithRefresh(): Promise<{
      socket: FakeRealtimeSocket;
      session: LoginResponse;
      auth: AuthSession;
    }> {
      const session = loginResponse('nurse');
      storeSession(session);
      TestBed.inject(ConnectionService);
      // The token's first reading hands nothing over: the socket is not connected yet.
      await TestBed.inject(ApplicationRef).whenStable();
      const socket = sockets[0]!;
      connect(socket, session);
      socket.answer('session:refresh', async () => ({ ok: true, expiresAt: session.expiresAt }));
      return { socket, session, auth: TestBed.inject(AuthSession) };
    }

    it('takes up a new role at once with a fresh token, which the socket is handed; no change of user', async () => {
      const { socket, session, auth } = await liveWithRefresh();
      const users: unknown[] = [];
      auth.userChanges$.subscribe((user) => users.push(user));
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse', role: 'front-desk' }));
      const renewed = {
        ...session,
        accessToken: 'front-desk-token',
        user: { ...session.user, role: 'front-desk' as const },
      };
      const request = TestBed.inject(HttpTestingController).expectOne(REFRESH_URL);
      expect(request.request.headers.get('Authorization')).toBe(`Bearer ${session.accessToken}`);
      request.flush(renewed);
      await TestBed.inject(ApplicationRef).whenStable();

      expect(auth.user()).toEqual(renewed.user);
      expect(auth.token()).toBe('front-desk-token');
      expect(JSON.parse(sessionStorage.getItem('derm.session') ?? 'null')).toEqual(renewed);
      expect(users).toEqual([]);
      expect(sockets).toHaveLength(1);
      expect(socket.sent).toEqual([
        { command: 'session:refresh', payload: { token: 'front-desk-token' }, timeoutMs: ACK_TIMEOUT_MS },
      ]);
    });

    it('takes up a new name the same way', async () => {
      const { socket, session, auth } = await liveWithRefresh();
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse', name: 'Nora Quinn-Park' }));
      const renewed = { ...session, accessToken: 'renamed', user: { ...session.user, name: 'Nora Quinn-Park' } };
      TestBed.inject(HttpTestingController).expectOne(REFRESH_URL).flush(renewed);
      expect(auth.user()?.name).toBe('Nora Quinn-Park');
    });

    it('asks again after the answer when the role changes once more while the first refresh is on its way', async () => {
      const { socket, session, auth } = await liveWithRefresh();
      const http = TestBed.inject(HttpTestingController);
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse', role: 'front-desk' }));
      const first = http.expectOne(REFRESH_URL);
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse', role: 'provider' }));
      // Read before the second change committed, the first answer still says front desk.
      first.flush({ ...session, accessToken: 'first', user: { ...session.user, role: 'front-desk' } });
      const second = http.expectOne(REFRESH_URL);
      expect(second.request.headers.get('Authorization')).toBe('Bearer first');
      second.flush({ ...session, accessToken: 'second', user: { ...session.user, role: 'provider' } });
      expect(auth.user()?.role).toBe('provider');
      expect(auth.token()).toBe('second');
    });

    it('changes nothing for a colleague’s account, the same id of another clinic, or an account as the session has it', async () => {
      const { socket, session, auth } = await liveWithRefresh();
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'frontdesk', role: 'admin' }));
      socket.serverSends('staff:changed', staffChanged('lakeside', { id: 'nurse', role: 'admin' }));
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse' }));
      TestBed.inject(HttpTestingController).expectNone(REFRESH_URL);
      await TestBed.inject(ApplicationRef).whenStable();
      expect(auth.user()).toEqual(session.user);
      expect(auth.token()).toBe(session.accessToken);
      expect(socket.sent).toEqual([]);
    });

    it('leaves a deactivation of the account to the revocation that ends the session', async () => {
      const { socket } = await liveWithRefresh();
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse', role: 'provider', active: false }));
      TestBed.inject(HttpTestingController).expectNone(REFRESH_URL);
      socket.serverSends('session:expired', { reason: 'REVOKED', expiredAt: new Date().toISOString() });
      await TestBed.inject(ApplicationRef).whenStable();
      expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(false);
      expect(TestBed.inject(Router).url).toBe('/login?reason=revoked');
    });

    it('drops a refresh for a role change answered after the person signed out and the next one signed in', async () => {
      const { socket, session, auth } = await liveWithRefresh();
      const http = TestBed.inject(HttpTestingController);
      socket.serverSends('staff:changed', staffChanged('riverside', { id: 'nurse', role: 'admin' }));
      const renewal = http.expectOne(REFRESH_URL);
      auth.logout('expired');
      const next = loginResponse('frontdesk');
      signIn(next);
      renewal.flush({ ...session, accessToken: 'nurse-as-admin', user: { ...session.user, role: 'admin' } });
      http.expectNone(REFRESH_URL);
      expect(auth.user()).toEqual(next.user);
    });
  });

  describe('refusals and endings', () => {
    it('signs out with reason=expired on TOKEN_EXPIRED, closing the socket', async () => {
      const session = loginResponse('nurse');
      storeSession(session);
      const connection = TestBed.inject(ConnectionService);
      sockets[0]!.failsToConnect('TOKEN_EXPIRED');
      await TestBed.inject(ApplicationRef).whenStable();
      expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(false);
      expect(TestBed.inject(Router).url).toBe('/login?reason=expired');
      expect(sockets[0]!.disconnectCalls).toBe(1);
      expect(connection.status()).toEqual({ state: 'idle' });
    });

    it('signs out with reason=revoked when the server ends the session', async () => {
      const { socket } = live();
      socket.serverSends('session:expired', { reason: 'REVOKED', expiredAt: new Date().toISOString() });
      await TestBed.inject(ApplicationRef).whenStable();
      expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(false);
      expect(TestBed.inject(Router).url).toBe('/login?reason=revoked');
    });

    it('says why on TOO_MANY_CONNECTIONS, stays signed in, and tries again by itself, ever more slowly', () => {
      jest.useFakeTimers();
      const session = loginResponse('nurse');
      storeSession(session);
      const connection = TestBed.inject(ConnectionService);
      const socket = sockets[0]!;
      const { firstDelay } = REFUSED_RETRY;
      const { randomizationFactor: jitter } = RECONNECT_BACKOFF;

      socket.failsToConnect('TOO_MANY_CONNECTIONS');
      expect(connection.status()).toMatchObject({ state: 'disconnected', refused: 'too-many-connections' });
      expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(true);
      jest.advanceTimersByTime(firstDelay * (1 - jitter) - 1);
      expect(socket.connectCalls).toBe(1);
      jest.advanceTimersByTime(firstDelay * 2 * jitter + 1);
      expect(socket.connectCalls).toBe(2);

      // Refused again: the next try waits twice as long.
      socket.failsToConnect('TOO_MANY_CONNECTIONS');
      jest.advanceTimersByTime(firstDelay * 2 * (1 - jitter) - 1);
      expect(socket.connectCalls).toBe(2);
      jest.advanceTimersByTime(firstDelay * 2 * 2 * jitter + 1);
      expect(socket.connectCalls).toBe(3);

      // Admitted at last: live, the reason gone, and no further try pending.
      socket.opens();
      socket.serverSends('session:ready', ready(session));
      expect(connection.status().state).toBe('connected');
      expect(connection.status().refused).toBeUndefined();
      jest.advanceTimersByTime(REFUSED_RETRY.maxDelay * 2);
      expect(socket.connectCalls).toBe(3);
    });

    it('says why on RATE_LIMITED, stays signed in, and tries again no sooner than the server asked', () => {
      jest.useFakeTimers();
      const session = loginResponse('nurse');
      storeSession(session);
      const connection = TestBed.inject(ConnectionService);
      const socket = sockets[0]!;
      const retryInMs = 41_000;

      socket.failsToConnect('RATE_LIMITED', false, { code: 'RATE_LIMITED', message: 'At most 120…', retryInMs });
      expect(connection.status()).toMatchObject({ state: 'disconnected', refused: 'too-many-attempts' });
      expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(true);
      // Far past the first slow retry (REFUSED_RETRY.firstDelay), but not yet the server's wait.
      jest.advanceTimersByTime(retryInMs - 1);
      expect(socket.connectCalls).toBe(1);
      jest.advanceTimersByTime(1);
      expect(socket.connectCalls).toBe(2);

      socket.opens();
      socket.serverSends('session:ready', ready(session));
      expect(connection.status().state).toBe('connected');
      expect(connection.status().refused).toBeUndefined();
    });

    it('asks for a reload when the handshake itself is refused, and does not send the same one again', () => {
      jest.useFakeTimers();
      storeSession(loginResponse('nurse'));
      const connection = TestBed.inject(ConnectionService);
      sockets[0]!.failsToConnect('VALIDATION_FAILED');
      expect(connection.status()).toMatchObject({ state: 'disconnected', refused: 'invalid-handshake' });
      jest.advanceTimersByTime(REFUSED_RETRY.maxDelay * 2);
      expect(sockets[0]!.connectCalls).toBe(1);
    });

    it('tries no refused connection again once the person has signed out', () => {
      jest.useFakeTimers();
      storeSession(loginResponse('nurse'));
      TestBed.inject(ConnectionService);
      sockets[0]!.failsToConnect('TOO_MANY_CONNECTIONS');
      TestBed.inject(AuthSession).logout('signed-out');
      TestBed.inject(HttpTestingController).expectOne('/api/auth/logout').flush(null);
      jest.advanceTimersByTime(REFUSED_RETRY.maxDelay * 2);
      expect(sockets[0]!.connectCalls).toBe(1);
    });

    it('leaves a network failure to Socket.IO’s retries while it is still trying', () => {
      storeSession(loginResponse('nurse'));
      const connection = TestBed.inject(ConnectionService);
      sockets[0]!.failsToConnect('websocket error', true);
      expect(connection.status().state).toBe('connecting');
      sockets[0]!.managerSends('reconnect_failed');
      expect(connection.status().state).toBe('disconnected');
    });

    it('starts again itself after the server hangs up, which Socket.IO does not retry', () => {
      jest.useFakeTimers();
      const { connection, socket } = live();
      socket.drops('io server disconnect');
      expect(connection.status().state).toBe('reconnecting');
      expect(socket.connectCalls).toBe(1);
      // The longest jittered delay, on Jest's clock.
      jest.advanceTimersByTime(RECONNECT_BACKOFF.reconnectionDelay * (1 + RECONNECT_BACKOFF.randomizationFactor));
      expect(socket.connectCalls).toBe(2);
      expect(connection.status()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    });

    it('reconnects at once when asked', () => {
      const { connection, socket } = live();
      connection.reconnect();
      expect(socket.disconnectCalls).toBe(1);
      expect(socket.connectCalls).toBe(2);
      expect(connection.status().state).toBe('connecting');
    });
  });
});
