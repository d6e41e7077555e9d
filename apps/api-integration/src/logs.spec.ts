import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatMessage, PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import {
  ApiServer,
  eventually,
  RealtimeTestClient,
  RestClient,
  StaffSession,
  startApiServer,
} from '@derm/shared/test-client';
import { readJsonLog } from './support/json-log';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  socketId?: string;
}

/** Sends bytes as they are, past any client's header checks, and reads the whole answer. */
async function rawRequest(url: string, request: string): Promise<string> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  socket.end(Buffer.from(request, 'latin1'));
  let answer = '';
  for await (const chunk of socket) answer += String(chunk);
  return answer;
}

describe('Structured logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-logs-'));
  const logFile = join(dir, 'api.log');
  let server: ApiServer;

  beforeAll(async () => {
    // The most verbose level: whatever any logger writes, secrets must still not appear.
    server = await startApiServer({ logFile, env: { LOG_LEVEL: 'trace', LOG_FORMAT: 'json' } });
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const readLog = () => readJsonLog<LogLine>(logFile);

  it("keeps a caller's X-Request-Id only when it is a plain id, in the log and the answer alike", async () => {
    const plain = 'portal-7f3a.c9_01';
    const hostile = {
      'too long': 'a'.repeat(65),
      'a space': 'two words',
      'a comma (two headers in one)': 'one,two',
      JSON: '{"id":"x"}',
      'letters outside ASCII': 'r\u00e9sum\u00e9',
    };
    const sent = { plain, ...hostile };
    // Each case's own path, told apart in the log by an id (the log keeps no other word of an unknown route).
    const caseIds = Object.fromEntries(Object.keys(sent).map((what) => [what, randomUUID()]));
    const controlId = randomUUID();
    const answered: Record<string, string | null> = {};
    for (const [what, id] of Object.entries(sent)) {
      const response = await fetch(`${server.url}/api/no-such-route/${caseIds[what]}`, {
        headers: { 'x-request-id': id },
      });
      answered[what] = response.headers.get('x-request-id');
    }
    // Control characters and line breaks do not get past Node's HTTP parser: sent raw, they are refused unlogged.
    const raw = await rawRequest(
      server.url,
      `GET /api/no-such-route/${controlId} HTTP/1.1\r\nHost: x\r\nX-Request-Id: forged\u0007\u001b[31m\r\nConnection: close\r\n\r\n`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    const logged = (what: string) => readLog().find((l) => l.req?.url === `/api/[redacted]/${caseIds[what]}`)?.req?.id;
    await eventually('every case has its request line', async () => Object.keys(sent).every(logged), 5000);

    expect(answered['plain']).toBe(plain);
    expect(logged('plain')).toBe(plain);
    for (const what of Object.keys(hostile)) {
      expect({ what, answered: answered[what] }).toEqual({ what, answered: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect({ what, logged: logged(what) }).toEqual({ what, logged: answered[what] });
    }
    expect(new Set(Object.values(answered)).size).toBe(Object.keys(sent).length);
    expect(readLog().filter((l) => l.req?.url.endsWith(controlId))).toEqual([]);
  });

  it('after a full round of activity, hold no password, token, message body or patient name', async () => {
    const wrongPassword = 'not-the-password-7f3a9c';
    await expect(StaffSession.signIn(server.url, 'nurse@riverside.test', wrongPassword)).rejects.toThrow(/401/);
    const [nurse, provider, admin] = await Promise.all(
      ['nurse', 'provider', 'admin'].map((who) => StaffSession.signIn(server.url, `${who}@riverside.test`)),
    );
    const nurseSocket = await nurse.connect();
    const nurseSocketId = nurseSocket.socket.id;
    const providerSocket = await provider.connect();
    await RealtimeTestClient.refusedHandshake(server.url, { query: { token: nurse.token } });
    await RealtimeTestClient.refusedHandshake(server.url, { auth: { token: `${admin.token}x` } });
    await new RestClient(server.url).get(`/api/patients?token=${provider.token}`);

    const body = 'Biopsy margins clear for the left shoulder 51c2';
    const thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [provider.userId],
        subject: 'Follow-up',
      })
    ).body;
    const message = (await provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body })).body;
    await nurseSocket.waitFor('message:new', (e) => e.data.message.id === message.id);
    expect(
      await nurseSocket.command('message:mark-read', {
        threadId: thread.id,
        messageId: message.id,
      }),
    ).toMatchObject({
      ok: true,
    });
    expect(await nurseSocket.raw('typing:start', [{ threadId: thread.id, body }])).toMatchObject({
      ok: false,
    });

    const [patient] = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
    expect((await nurse.rest.get<PatientSummary>(`/api/patients/${patient.id}`)).body.displayName).toBe(
      patient.displayName,
    );
    expect((await nurseSocket.command('patient:view-start', { patientId: patient.id })).ok).toBe(true);
    const alert = await admin.rest.post('/api/alerts', {
      title: 'Room 4 needs a nurse',
      to: { userIds: [nurse.userId] },
    });
    expect(alert.status).toBe(201);
    await nurseSocket.waitFor('notification:new', (e) => e.data.notification.title === 'Room 4 needs a nurse');
    const refreshed = await nurse.rest.post<{ accessToken: string }>('/api/auth/refresh');
    expect((await nurseSocket.command('session:refresh', { token: refreshed.body.accessToken })).ok).toBe(true);
    providerSocket.close();
    await nurse.rest.post('/api/auth/logout');
    await nurseSocket.disconnected();

    const messagesOf = (socketId: string | undefined) =>
      readLog()
        .filter((l) => l.socketId === socketId)
        .map((l) => l.msg);
    await eventually(
      'the log records the signed-out socket going',
      async () => messagesOf(nurseSocketId).includes('Socket disconnected'),
      5000,
    );
    const text = readFileSync(logFile, 'utf8');
    const lines = readLog();
    // The log did record the round: request ids, and socket ids with their connect and disconnect.
    const posted = lines.find((l) => l.req?.method === 'POST' && l.req.url === `/api/threads/${thread.id}/messages`);
    expect(posted?.req?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.find((l) => l.req?.url.startsWith('/api/patients?token='))?.req?.url).toBe(
      '/api/patients?token=[redacted]',
    );
    expect(messagesOf(nurseSocketId)).toEqual(['Socket connected', 'Socket disconnected']);

    const secrets = {
      'the demo password': 'demo-password',
      'a wrong password': wrongPassword,
      "the nurse's token": nurse.token,
      "the provider's token": provider.token,
      "the admin's token": admin.token,
      'a refreshed token': refreshed.body.accessToken,
      'the message body': body,
      "the patient's name": patient.displayName,
    };
    const startBanner = lines.find((l) => l.context === 'DemoData' && l.msg.includes('demo-password'));
    const leaks = Object.entries(secrets).filter(([, value]) =>
      text.split('\n').some((line) => line.includes(value) && !(startBanner && line.includes('DEMO DATA IS ON'))),
    );
    expect(leaks.map(([what]) => what)).toEqual([]);
  });
});
