import { AlertSummary, DomainEvent } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startCluster, startTimeout } from './support/cluster';
import { FreezableClient, startFreezableClient } from './support/frozen-client';
import { HandDrivenClient } from './support/hand-driven-client';

type AlertStatus = DomainEvent<'alert:status'>;
const deliveredTo = (alertId: string, userId: string) => (e: AlertStatus) =>
  e.data.alertId === alertId && e.data.recipient.userId === userId && e.data.recipient.deliveredAt !== undefined;

/**
 * An urgent alert counts as delivered to a person when one of their clients has it, not while the
 * server merely holds a socket of theirs: a laptop asleep keeps its connection open until the
 * heartbeat gives up on it, and the sender must not read "delivered" for an alert nobody saw.
 */
describe.each([
  { nodes: 1, where: 'on one node' },
  { nodes: 2, where: 'with the silent recipient and the live one on a second node' },
])('an urgent alert to a recipient whose client has gone silent, $where', ({ nodes }) => {
  let stop: () => Promise<void>;
  let senderUrl: string;
  let recipientsUrl: string;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let otherAdmin: StaffSession;
  let frozen: FreezableClient | undefined;

  beforeAll(async () => {
    const cluster = nodes === 2 ? await startCluster(2) : undefined;
    const server = cluster?.nodes[0] ?? (await startApiServer());
    senderUrl = server.url;
    recipientsUrl = (cluster?.nodes[1] ?? server).url;
    stop = () => (cluster ? cluster.dispose() : server.dispose());
    [frontDesk, nurse, provider, otherAdmin] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'provider@riverside.test', 'admin@lakeside.test'].map(
        (email) => StaffSession.signIn(senderUrl, email),
      ),
    );
  }, startTimeout(nodes));
  afterAll(async () => {
    frozen?.kill();
    [frontDesk, nurse, provider, otherAdmin].forEach((session) => session?.close());
    await stop?.();
  });

  it('is delivered to the live recipient at once, to the silent one only when its client answers again, and to no one else', async () => {
    const senderSocket = await frontDesk.connect();
    const foreignSocket = await otherAdmin.connect();
    const nurseSocket = await RealtimeTestClient.connect(recipientsUrl, nurse.token);
    frozen = await startFreezableClient(recipientsUrl, provider.token);
    frozen.freeze();

    const sent = await frontDesk.rest.post<AlertSummary>('/api/alerts', {
      title: 'Anaphylaxis in room 4',
      to: { userIds: [nurse.userId, provider.userId] },
    });
    expect(sent.status).toBe(201);
    const alertId = sent.body.id;
    await nurseSocket.waitFor('notification:new', (e) => e.data.notification.title === 'Anaphylaxis in room 4');
    await senderSocket.waitFor('alert:status', deliveredTo(alertId, nurse.userId));

    // The provider's socket is still open on the server, but its client has read nothing.
    await senderSocket.expectNone('alert:status', deliveredTo(alertId, provider.userId));
    const status = (await frontDesk.rest.get<AlertSummary>(`/api/alerts/${alertId}`)).body;
    const recipient = (userId: string) => status.recipients.find((r) => r.userId === userId);
    expect(recipient(nurse.userId)?.deliveredAt).toEqual(expect.any(String));
    expect(recipient(provider.userId)).toBeDefined();
    expect(recipient(provider.userId)?.deliveredAt).toBeUndefined();

    // Awake again, it reads the alert and answers the ping behind it: now it is delivered, once.
    frozen.thaw();
    const delivered = await senderSocket.waitFor('alert:status', deliveredTo(alertId, provider.userId));
    expect(new Date(delivered.data.recipient.deliveredAt!).getTime()).toBeGreaterThan(
      new Date(recipient(nurse.userId)!.deliveredAt!).getTime(),
    );
    await senderSocket.expectNone('alert:status', (e) => e.data.alertId === alertId);

    await foreignSocket.expectNone('alert:status');
    await foreignSocket.expectNone('notification:new');
    expect((await otherAdmin.rest.get(`/api/alerts/${alertId}`)).status).toBe(404);
    [senderSocket, foreignSocket, nurseSocket].forEach((socket) => socket.close());
  });
});

/**
 * Engine.IO's answers to pings name no ping. A client on a failing link may answer an earlier ping
 * only after the alert was written, and then nothing more: that answer must not pass for a receipt.
 */
describe('an urgent alert to a client whose answers come late', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let provider: StaffSession;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, provider] = await Promise.all(
      ['frontdesk@riverside.test', 'provider@riverside.test'].map((email) => StaffSession.signIn(server.url, email)),
    );
  });
  afterAll(async () => {
    [frontDesk, provider].forEach((session) => session?.close());
    await server?.dispose();
  });

  it('is not delivered by an answer to a ping sent before it, only by answers to the pings behind it', async () => {
    const senderSocket = await frontDesk.connect();
    const client = await HandDrivenClient.connect(server.url, provider.token);
    const send = async (title: string) => {
      const sent = await frontDesk.rest.post<AlertSummary>('/api/alerts', {
        title,
        to: { userIds: [provider.userId] },
      });
      expect(sent.status).toBe(201);
      await client.until(() => indexOf(title) >= 0, title);
      return sent.body.id;
    };
    const indexOf = (title: string) =>
      client.received.findIndex(
        (item) => item !== 'ping' && item.event === 'notification:new' && JSON.stringify(item.payload).includes(title),
      );
    const pingsBetween = (from: number, to: number) =>
      client.received.slice(from, to).filter((item) => item === 'ping').length;

    const from = client.received.length;
    client.holdAnswers();
    const first = await send('Patient fainted in room 2');
    const second = await send('Fire door open in corridor B');

    // The answers to the pings that came before the second alert: they prove the first one only.
    client.answer(pingsBetween(from, indexOf('Fire door open in corridor B')));
    await senderSocket.waitFor('alert:status', deliveredTo(first, provider.userId));
    await senderSocket.expectNone('alert:status', deliveredTo(second, provider.userId));
    const status = (await frontDesk.rest.get<AlertSummary>(`/api/alerts/${second}`)).body;
    expect(status.recipients).toEqual([expect.objectContaining({ userId: provider.userId })]);
    expect(status.recipients[0].deliveredAt).toBeUndefined();

    // Its answers to the pings behind the second alert come in: now it is delivered.
    client.answer(pingsBetween(indexOf('Fire door open in corridor B'), client.received.length));
    await senderSocket.waitFor('alert:status', deliveredTo(second, provider.userId));
    client.close();
    senderSocket.close();
  });
});
