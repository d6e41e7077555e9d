import { NotificationList, PatientSummary, TaskView } from '@derm/shared/contracts';
import { RealtimeTestClient, RestClient, StaffSession, startTcpBalancer, TcpBalancer } from '@derm/shared/test-client';
import { Cluster, readiness, startCluster } from './support/cluster';

/** Reconnects as the portal does (it retries by itself after a transport close), only faster. */
const RECONNECTING = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300, randomizationFactor: 0 };

describe('several nodes: a node stops, its clients carry on elsewhere without losing a notification', () => {
  let cluster: Cluster;
  let balancer: TcpBalancer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let observer: RealtimeTestClient;
  let patient: PatientSummary;
  let run = 0;

  beforeAll(async () => {
    cluster = await startCluster(2, { SHUTDOWN_DRAIN_MS: '500' });
    balancer = await startTcpBalancer(cluster.nodes.map((node) => node.port));
    frontDesk = await StaffSession.signIn(cluster.nodes[0].url, 'frontdesk@riverside.test');
    nurse = await StaffSession.signIn(balancer.url, 'nurse@riverside.test');
    observer = await frontDesk.connect();
    patient = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [frontDesk, nurse].forEach((s) => s?.close());
    await balancer?.close();
    await cluster?.dispose();
  });

  /** A task for the nurse, made on node A: it notifies her (`task-assigned`). */
  const assignTask = async () => {
    const title = `Call back patient #${++run}`;
    const response = await frontDesk.rest.post<TaskView>('/api/tasks', { assigneeId: nurse.userId, title });
    expect(response.status).toBe(201);
    return title;
  };
  const notified = (socket: RealtimeTestClient, title: string) =>
    socket.waitFor('notification:new', (e) => e.data.notification.title.includes(title), 10_000);
  /** Connects through the balancer to node B (tried first), and makes sure a broadcast arrived there. */
  const connectToB = async () => {
    const [a, b] = cluster.nodes;
    balancer.route([b.port, a.port]);
    const socket = await nurse.connect(RECONNECTING);
    await notified(socket, await assignTask());
    return socket;
  };
  /** The nurse's inbox as node A serves it, once she is back. */
  const inbox = () =>
    new RestClient(cluster.nodes[0].url, nurse.token).get<NotificationList>('/api/notifications?limit=100');

  it('on SIGTERM, fails readiness, keeps the session and closes the transport; the client recovers on node A', async () => {
    const socket = await connectToB();
    const [, b] = cluster.nodes;
    expect(await observer.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    expect(await socket.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
    balancer.refuse(true);
    const disconnected = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
    const stopping = b.stop('SIGTERM');
    expect(await readiness(b, 503, 2000)).toMatchObject({ error: { node: { status: 'down' } } });
    expect(await disconnected).toBe('transport close');
    await stopping;
    // A node that stops cleanly ends its viewings at once, rather than leaving them to lapse.
    const alone = (e: { viewers: { userId: string }[] }) => e.viewers.every((v) => v.userId !== nurse.userId);
    await observer.waitFor('patient:viewers', alone, 2000);

    const missed = await assignTask();
    balancer.refuse(false);
    const ready = await socket.waitFor('session:ready', () => true, 10_000);
    expect(ready).toMatchObject({ userId: nurse.userId, recovered: true });
    await notified(socket, missed);
    const { body } = await inbox();
    expect(body.items.map((n) => n.title)).toEqual(expect.arrayContaining([expect.stringContaining(missed)]));
    expect(body.unreadCount).toBe(body.items.filter((n) => !n.readAt).length);
    // Back within the grace period on another node: her colleagues never saw her go offline, not
    // even once a colleague who left after her has gone offline.
    const colleague = await StaffSession.signIn(cluster.nodes[0].url, 'provider@riverside.test');
    await colleague.connect();
    await observer.waitFor('presence:online', (e) => e.userId === colleague.userId);
    colleague.close();
    const colleagueOffline = observer.waitFor('presence:offline', (e) => e.userId === colleague.userId, 10_000);
    await observer.expectNone('presence:offline', (e) => e.userId === nurse.userId, { after: colleagueOffline });
    socket.close();
  });

  it('after a crash there is nothing to recover: the client is told so and re-fetches what it missed', async () => {
    const [, b] = cluster.nodes;
    await b.start();
    const socket = await connectToB();
    const before = (await inbox()).body.unreadCount;
    balancer.refuse(true);
    await b.stop('SIGKILL');
    const missed = await assignTask();
    balancer.refuse(false);

    const ready = await socket.waitFor('session:ready', () => true, 10_000);
    expect(ready.recovered).toBe(false);
    await socket.expectNone('notification:new', (e) => e.data.notification.title.includes(missed));
    const { body } = await inbox();
    expect(body.items.map((n) => n.title)).toEqual(expect.arrayContaining([expect.stringContaining(missed)]));
    expect(body.unreadCount).toBe(before + 1);
    socket.close();
  });
});
