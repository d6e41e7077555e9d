import { ChatMessage } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startThread } from './support/conversations';
import { expectEndedWhenTokenRunsOut } from './support/tokens';

/** A month: longer than the 2^31-1 ms (about 24.8 days) a single Node.js timer can wait. */
const A_MONTH = '30d';
const A_MONTH_MS = 30 * 24 * 3600 * 1000;

describe('sessions whose tokens live longer than one timer can wait (JWT_TTL and SESSION_MAX_AGE of a month)', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherClinic: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({ env: { JWT_TTL: A_MONTH, SESSION_MAX_AGE: A_MONTH } });
    [nurse, provider, otherClinic] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'nurse@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
  });
  afterAll(async () => {
    [nurse, provider, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  /** A message from the provider to the nurse, heard live: what a socket that was cut off cannot hear. */
  const messageHeard = async (socket: RealtimeTestClient, body: string) => {
    const thread = await startThread(provider, [nurse]);
    const heard = socket.waitFor('message:new', (event) => event.data.threadId === thread.id);
    const sent = await provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body });
    expect(sent.status).toBe(201);
    expect((await heard).data.message.id).toBe(sent.body.id);
  };

  it('keeps the socket connected, hearing its clinic, rather than expiring it the moment it connects', async () => {
    expect(Date.parse(nurse.login.expiresAt) - Date.now()).toBeGreaterThan(2 ** 31);
    const socket = await nurse.connect();
    const elsewhere = await otherClinic.connect();
    await messageHeard(socket, 'Still connected?');
    expect(socket.received('session:expired')).toEqual([]);
    expect(socket.connected).toBe(true);
    // The other clinic's nurse, on the same long tokens, stays connected too, and heard nothing of it.
    await elsewhere.expectNone('message:new');
    expect(elsewhere.received('session:expired')).toEqual([]);
  });

  it('keeps it connected after a session:refresh to another month-long token, which says when that one ends', async () => {
    const socket = await nurse.connect();
    const refreshed = await nurse.refresh();
    expect(Date.parse(refreshed.expiresAt) - Date.now()).toBeGreaterThan(A_MONTH_MS - 60_000);
    await messageHeard(socket, 'Still here after the refresh?');
    expect(socket.received('session:expired')).toEqual([]);
    expect(socket.connected).toBe(true);
  });

  it('still ends a socket whose own token runs out, on this server too', async () => {
    await expectEndedWhenTokenRunsOut(server.url, nurse);
  });
});
