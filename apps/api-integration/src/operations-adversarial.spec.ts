import { OperationsSnapshot } from '@derm/shared/contracts';
import { ApiServer, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';

const total = (snapshot: OperationsSnapshot) => snapshot.eventsPerMinute.reduce((sum, { count }) => sum + count, 0);

describe("the operations page's figures, against staff who reconnect", () => {
  let server: ApiServer;
  let admin: StaffSession;
  let nurse: StaffSession;

  beforeAll(async () => {
    server = await startApiServer();
    [admin, nurse] = await Promise.all(
      ['admin@riverside.test', 'nurse@riverside.test'].map((email) => StaffSession.signIn(server.url, email)),
    );
  });
  afterAll(async () => {
    [admin, nurse].forEach((session) => session?.close());
    await server?.dispose();
  });

  const eventsThisHour = async () => total((await admin.rest.get<OperationsSnapshot>('/api/operations')).body);

  it('counts an alert once, however often its recipient reconnects before acknowledging it', async () => {
    const adminSocket = await admin.connect();
    const nurseSocket = await nurse.connect();
    const before = await eventsThisHour();
    const sent = await admin.rest.post('/api/alerts', {
      title: 'Room 2 needs a nurse',
      to: { userIds: [nurse.userId] },
    });
    expect(sent.status).toBe(201);
    await nurseSocket.waitFor('notification:new', (e) => e.data.notification.title === 'Room 2 needs a nurse');
    // The last event the alert makes: its sender hears that it reached the nurse.
    await adminSocket.waitFor('alert:status', () => true);
    await eventually('the alert is counted', async () => (await eventsThisHour()) > before, 5000);
    const counted = await eventsThisHour();
    nurseSocket.close();

    // Each new tab is shown the alert still awaiting an ack: the clinic sent nothing new.
    for (let tab = 0; tab < 3; tab++) {
      const again = await nurse.connect();
      await again.waitFor('notification:new', (e) => e.data.notification.title === 'Room 2 needs a nurse');
      again.close();
    }
    await adminSocket.roundTrip();
    expect(await eventsThisHour()).toBe(counted);
  });
});
