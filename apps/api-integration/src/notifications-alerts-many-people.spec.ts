import { AlertSummary, MAX_ALERT_PEOPLE_WITHOUT_SEND_TO_EVERYONE, NotificationList } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { addColleaguesLike } from './support/extra-colleagues';

const LIMIT = MAX_ALERT_PEOPLE_WITHOUT_SEND_TO_EVERYONE;

/**
 * Naming colleagues one by one is no way around the role rule on alerts to many: past the limit,
 * a sender without `alert:send-to-everyone` is refused before anything is stored or told.
 */
describe('urgent alerts naming many people', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let provider: StaffSession;
  /** Everyone of the front desk's clinic but them: the demo staff (admin included) and extra nurses. */
  let colleagues: StaffSession[];
  let otherClinic: StaffSession[];
  let sockets: RealtimeTestClient[];

  beforeAll(async () => {
    server = await startApiServer();
    // One more colleague than the limit: the demo provider, nurse and admin, and extra nurses.
    const extraNurses = await addColleaguesLike(server.database, 'nurse@riverside.test', LIMIT + 1 - 3);
    const signIn = (email: string) => StaffSession.signIn(server.url, email);
    frontDesk = await signIn('frontdesk@riverside.test');
    colleagues = [];
    for (const email of ['provider@riverside.test', 'nurse@riverside.test', 'admin@riverside.test', ...extraNurses]) {
      colleagues.push(await signIn(email));
    }
    [provider] = colleagues;
    otherClinic = [await signIn('frontdesk@lakeside.test'), await signIn('nurse@lakeside.test')];
    sockets = await Promise.all([frontDesk, ...colleagues, ...otherClinic].map((session) => session.connect()));
  });
  afterAll(async () => {
    [frontDesk, ...(colleagues ?? []), ...(otherClinic ?? [])].forEach((session) => session?.close());
    await server?.dispose();
  });

  const send = (from: StaffSession, title: string, to: StaffSession[]) =>
    from.rest.post<AlertSummary & { message: string }>('/api/alerts', {
      title,
      to: { userIds: to.map((session) => session.userId) },
    });
  const inboxTitles = async (session: StaffSession) =>
    (await session.rest.get<NotificationList>('/api/notifications')).body.items.map((n) => n.title);
  const listedTitles = async (session: StaffSession) =>
    (await session.rest.get<AlertSummary[]>('/api/alerts')).body.map((alert) => alert.title);

  it('refuses the front desk naming one more colleague than the limit, storing and telling nothing', async () => {
    expect(colleagues).toHaveLength(LIMIT + 1);
    const title = 'Everyone: fire drill';
    const refused = await send(frontDesk, title, colleagues);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(new RegExp(`more than ${LIMIT} .*\\(alert:send-to-everyone\\)$`));
    // Refused like any other alert the role may not send.
    const toEveryone = await frontDesk.rest.post<object>('/api/alerts', { title, to: { everyone: true } });
    expect(toEveryone.status).toBe(403);
    expect(Object.keys(refused.body).sort()).toEqual(Object.keys(toEveryone.body).sort());
    for (const socket of sockets) {
      for (const event of ['notification:new', 'alert:sent', 'alert:status', 'alert:escalated'] as const) {
        await socket.expectNone(event);
      }
    }
    for (const session of [...colleagues, ...otherClinic]) expect(await inboxTitles(session)).not.toContain(title);
    const admin = colleagues[2];
    for (const session of [frontDesk, admin]) expect(await listedTitles(session)).not.toContain(title);
  });

  it('lets the front desk name exactly the limit, reaching those named and no one else', async () => {
    const title = 'Waiting room flooded';
    const [left, ...named] = colleagues;
    expect(named).toHaveLength(LIMIT);
    const sent = await send(frontDesk, title, named);
    expect(sent.status).toBe(201);
    expect(sent.body.recipients.map((r) => r.userId).sort()).toEqual(named.map((s) => s.userId).sort());
    for (const session of named) expect(await inboxTitles(session)).toContain(title);
    for (const session of [left, ...otherClinic]) expect(await inboxTitles(session)).not.toContain(title);
  });

  it('lets a provider, who may alert everyone, name every colleague', async () => {
    const title = 'All hands to reception';
    const everyoneElse = [frontDesk, ...colleagues.filter((session) => session !== provider)];
    const sent = await send(provider, title, everyoneElse);
    expect(sent.status).toBe(201);
    expect(sent.body.recipients).toHaveLength(LIMIT + 1);
    for (const session of everyoneElse) expect(await inboxTitles(session)).toContain(title);
    for (const session of otherClinic) expect(await inboxTitles(session)).not.toContain(title);
  });

  it('leaves another clinic’s front desk its alerts to a few colleagues', async () => {
    const [otherDesk, otherNurse] = otherClinic;
    expect((await send(otherDesk, 'Lakeside: room 1', [otherNurse])).status).toBe(201);
    expect(await inboxTitles(otherNurse)).toContain('Lakeside: room 1');
  });
});
