import { ChatMessage, PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { sample, scrape } from './support/metrics';

describe('GET /metrics', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakeside: StaffSession;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, lakeside] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
    ]);
  });
  afterAll(async () => {
    [nurse, provider, lakeside].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('counts sockets, handshakes, commands, events and fan-out, without a clinic, person or patient id', async () => {
    const nurseSocket = await nurse.connect();
    await provider.connect();
    await lakeside.connect();
    await RealtimeTestClient.refusedHandshake(server.url, {});
    await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: `${nurse.token}x` } });
    await RealtimeTestClient.refusedHandshake(server.url, {
      auth: { token: nurse.token },
      extraHeaders: { origin: 'https://evil.example' },
    });

    const thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [provider.userId],
        subject: 'Margins',
      })
    ).body;
    expect((await nurseSocket.command('thread:join', { threadId: thread.id })).ok).toBe(true);
    expect(
      await nurseSocket.command('thread:join', {
        threadId: '00000000-0000-4000-8000-000000000000',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // A name outside the contract, carrying a clinic id: it must fold into "unknown".
    const untyped = nurseSocket.socket as unknown as {
      emit(event: string, payload: unknown): void;
    };
    untyped.emit(`tenant:${nurse.tenantId}`, {});
    expect((await nurseSocket.command('presence:list', {})).ok).toBe(true);
    const message = (
      await provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, {
        body: 'Margins are clear',
      })
    ).body;
    await nurseSocket.waitFor('message:new', (e) => e.data.message.id === message.id);
    const [patient] = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;

    const { status, type, text } = await scrape(server.url);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain;.*version=0\.0\.4/);

    expect(sample(text, 'derm_ws_connected_sockets{role="nurse",transport="websocket"}')).toBe(2);
    expect(sample(text, 'derm_ws_connected_sockets{role="provider",transport="websocket"}')).toBe(1);
    expect(sample(text, 'derm_ws_handshakes_total{outcome="accepted"}')).toBe(3);
    expect(sample(text, 'derm_ws_handshakes_total{outcome="UNAUTHORIZED"}')).toBe(2);
    expect(sample(text, 'derm_ws_handshakes_total{outcome="ORIGIN_NOT_ALLOWED"}')).toBe(1);
    expect(sample(text, 'derm_ws_commands_received_total{command="thread:join"}')).toBe(2);
    expect(sample(text, 'derm_ws_commands_received_total{command="unknown"}')).toBe(1);
    expect(sample(text, 'derm_ws_command_duration_seconds_count{command="thread:join",outcome="ok"}')).toBe(1);
    expect(sample(text, 'derm_ws_command_duration_seconds_count{command="thread:join",outcome="NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'derm_ws_command_duration_seconds_count{command="presence:list",outcome="ok"}')).toBe(1);
    expect(sample(text, 'derm_events_published_total{type="message:new"}')).toBe(1);
    expect(sample(text, 'derm_events_published_total{type="message:unread-count"}')).toBe(1);
    expect(sample(text, 'derm_broadcast_fanout_sockets_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'derm_broadcast_fanout_sockets_bucket{le="0"}')).toBeLessThan(
      sample(text, 'derm_broadcast_fanout_sockets_count') ?? 0,
    );
    expect(sample(text, 'derm_redis_adapter_errors_total{kind="publish"}')).toBe(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);

    const identifiers = [nurse, provider, lakeside].flatMap((s) => [
      s.userId,
      s.tenantId,
      s.login.user.name,
      s.login.user.email,
    ]);
    for (const id of [...identifiers, thread.id, message.id, patient.id, patient.displayName, 'Margins']) {
      expect(text).not.toContain(id);
    }
  });

  it('is outside /api and needs no staff token', async () => {
    expect((await scrape(server.url)).status).toBe(200);
    expect(
      (
        await fetch(`${server.url}/api/metrics`, {
          headers: { authorization: `Bearer ${nurse.token}` },
        })
      ).status,
    ).toBe(404);
  });

  describe('with METRICS_TOKEN set', () => {
    const metricsToken = 'scrape-secret-0123456789abcdef';
    let guarded: ApiServer;
    beforeAll(async () => {
      guarded = await startApiServer({ env: { METRICS_TOKEN: metricsToken } });
    });
    afterAll(async () => guarded?.dispose());

    it('answers 401 without the token, with another token or with a staff token, and 200 with it', async () => {
      const staff = await StaffSession.signIn(guarded.url, 'admin@riverside.test');
      const refusals = await Promise.all([
        scrape(guarded.url),
        scrape(guarded.url, `${metricsToken}x`),
        scrape(guarded.url, staff.token),
      ]);
      for (const refused of refusals) {
        expect(refused.status).toBe(401);
        expect(refused.text).not.toContain('derm_');
      }
      const allowed = await scrape(guarded.url, metricsToken);
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('derm_ws_connected_sockets');
    });
  });
});
