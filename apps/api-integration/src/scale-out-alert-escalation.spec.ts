import { AlertSummary, StaffMember } from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession } from '@derm/shared/test-client';
import { escalationOf } from './support/alert-escalations';
import { Cluster, startCluster, startTimeout } from './support/cluster';

const ESCALATION_SECONDS = 3;

describe('several nodes: an urgent alert escalates whichever node sent it', () => {
  let cluster: Cluster;
  let sender: StaffSession;
  let admin: StaffSession;
  let adminSocket: RealtimeTestClient;

  beforeAll(async () => {
    cluster = await startCluster(2, { ALERT_ESCALATION_SECONDS: String(ESCALATION_SECONDS) });
    sender = await StaffSession.signIn(cluster.nodes[0].url, 'provider@riverside.test');
    admin = await StaffSession.signIn(cluster.nodes[1].url, 'admin@riverside.test');
    adminSocket = await admin.connect();
  }, startTimeout(2));
  afterAll(async () => {
    [sender, admin].forEach((session) => session?.close());
    await cluster?.dispose();
  });

  it('escalates on a node still up an alert sent through a node stopped since, once', async () => {
    const staff = (await sender.rest.get<StaffMember[]>('/api/staff')).body;
    const nurse = staff.find((member) => member.role === 'nurse')!;
    const title = 'Patient fainted in room 5';
    const sent = await sender.rest.post<AlertSummary>('/api/alerts', { title, to: { userIds: [nurse.id] } });
    expect(sent.status).toBe(201);
    sender.close();
    await cluster.nodes[0].stop();

    const escalation = await adminSocket.waitFor('notification:new', escalationOf(title), ESCALATION_SECONDS * 4000);
    expect(escalation.data.notification).toMatchObject({ link: `/alerts/${sent.body.id}`, requiresAck: true });
    const status = (await admin.rest.get<AlertSummary>(`/api/alerts/${sent.body.id}`)).body;
    expect(status.escalatedAt).toEqual(expect.any(String));
    await adminSocket.expectNone('notification:new', escalationOf(title));
  });
});
