import { AlertSummary, DomainEvent } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

type NotificationNew = DomainEvent<'notification:new'>;
/** What a connection is greeted with at most (docs/events.md, `notification:new`). */
const GREETED_AT_MOST = 50;

describe('urgent alerts awaiting an ack, past what one greeting carries', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let nurse: StaffSession;

  beforeAll(async () => {
    // More alerts than one person's write budget allows in a window; escalation is not under test.
    server = await startApiServer({ env: { REST_WRITE_POINTS: '1000', ALERT_ESCALATION_SECONDS: '3600' } });
    [admin, nurse] = await Promise.all(
      ['admin@riverside.test', 'nurse@riverside.test'].map((email) => StaffSession.signIn(server.url, email)),
    );
  });
  afterAll(async () => {
    [admin, nurse].forEach((s) => s?.close());
    await server?.dispose();
  });

  it('greets a connection with the newest of them, oldest first, and the count of all', async () => {
    const titles: string[] = [];
    for (let n = 1; n <= GREETED_AT_MOST + 1; n++) {
      const title = `Backlog alert ${n}`;
      const sent = await admin.rest.post<AlertSummary>('/api/alerts', { title, to: { userIds: [nurse.userId] } });
      expect(sent.status).toBe(201);
      titles.push(title);
    }
    const adminSocket = await admin.connect();

    const tab = await nurse.connect();
    // The count follows the redelivered alerts in the greeting: once it is here, they all are.
    expect(await tab.waitFor('notification:unread-count')).toEqual({ count: GREETED_AT_MOST + 1 });
    const greeted = tab.received('notification:new').map((e: NotificationNew) => e.data.notification.title);
    expect(greeted).toEqual(titles.slice(1));
    // Nobody else is greeted with them.
    await adminSocket.expectNone('notification:new');
  });
});
