import { NotificationList, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
import { addPatients, ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

type Item = Record<string, unknown>;
interface Answer {
  status: number;
  body: unknown;
  nextCursor: string | null;
}

const DAY = '2031-03-04';
/** What identifies an item of any list: its id, a person's id, or a chart view's session and start. */
const identity = (item: Item) =>
  String(item['id'] ?? (item['sessionId'] ? `${item['sessionId']}@${item['startedAt']}` : item['userId']));

describe('pagination: every list route pages by cursor, with a maximum page size', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let lakesideAdmin: StaffSession;

  const get = async (session: StaffSession, path: string, init: RequestInit = {}): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${session.token}`, ...init.headers },
    });
    return {
      status: response.status,
      body: await response.json(),
      nextCursor: response.headers.get('x-next-cursor'),
    };
  };
  const withParams = (path: string, params: Record<string, string>) =>
    `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`;

  /** Follows X-Next-Cursor from the first page to the last, `limit` at a time. */
  const walk = async (session: StaffSession, path: string, limit: number) => {
    const pages: Item[][] = [];
    let cursor: string | null = null;
    do {
      const answer: Answer = await get(
        session,
        withParams(path, { limit: String(limit), ...(cursor ? { cursor } : {}) }),
      );
      expect(answer.status).toBe(200);
      pages.push(answer.body as Item[]);
      cursor = answer.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  };

  beforeAll(async () => {
    // Walking every list two rows at a time reads far more than one person may; the budget has its own suite.
    server = await startApiServer({ env: { REST_READ_POINTS: '100000' } });
    [nurse, provider, admin, lakesideAdmin] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    const patients = (await admin.rest.get<PatientSummary[]>('/api/patients')).body;
    const patient = patients[0];
    const created = async (path: string, body: object, as = admin) => {
      const response = await as.rest.post(path, body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    };
    for (let i = 0; i < 5; i++) {
      await created('/api/threads', { participantIds: [provider.userId], subject: `Case ${i}` }, nurse);
      // Same start for two of them, the first cancelled to free the slot: the id breaks the tie.
      const startsAt = new Date(Date.UTC(2031, 2, 4, 9 + Math.min(i, 3)));
      const appointment = await admin.rest.post<{ id: string }>('/api/appointments', {
        patientId: patients[i % patients.length].id,
        providerId: provider.userId,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
        type: 'skin-check',
      });
      expect(appointment.status).toBe(201);
      if (i === 3)
        expect((await admin.rest.post(`/api/appointments/${appointment.body.id}/cancel`, {})).status).toBe(200);
      await created('/api/tasks', { assigneeId: nurse.userId, title: `Call back ${i}` });
      await created('/api/prior-auths', {
        patientId: patient.id,
        providerId: provider.userId,
        procedure: `Biologic ${i}`,
      });
      await created(
        '/api/lab-results',
        { patientId: patient.id, orderingProviderId: provider.userId, testName: `Panel ${i}` },
        provider,
      );
      await created('/api/announcements', { title: `Notice ${i}`, body: 'Room 2' });
      await created('/api/alerts', { title: `Alert ${i}`, to: { userIds: [nurse.userId] } });
      const socket = await nurse.connect();
      await socket.command('patient:view-start', { patientId: patient.id });
      await socket.command('patient:view-stop', { patientId: patient.id });
    }
    await Promise.all([provider.connect(), admin.connect()]);
  });
  afterAll(async () => {
    [nurse, provider, admin, lakesideAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  const routes: [string, number, () => StaffSession][] = [
    ['/api/patients', 500, () => admin],
    ['/api/staff', 500, () => admin],
    ['/api/threads', 100, () => nurse],
    [`/api/appointments?date=${DAY}`, 500, () => admin],
    ['/api/tasks', 200, () => nurse],
    ['/api/prior-auths', 200, () => admin],
    ['/api/lab-results', 200, () => admin],
    ['/api/announcements', 100, () => admin],
    ['/api/alerts', 100, () => admin],
    ['/api/audit/patient-views', 500, () => admin],
    ['/api/presence/online', 500, () => admin],
  ];

  it.each(routes)('%s: pages of `limit` in the order of the whole list, each item once', async (path, _max, as) => {
    const whole = (await get(as(), path)).body as Item[];
    expect(whole.length).toBeGreaterThanOrEqual(3);
    const pages = await walk(as(), path, 2);
    expect(pages.every((page) => page.length >= 1 && page.length <= 2)).toBe(true);
    expect(pages.length).toBe(Math.ceil(whole.length / 2));
    expect(pages.flat().map(identity)).toEqual(whole.map(identity));
  });

  it.each(routes)(
    '%s: refuses a limit over %i, a zero limit and a forged cursor, with a message',
    async (path, max, as) => {
      const over = await get(as(), withParams(path, { limit: String(max + 1) }));
      expect(over).toMatchObject({
        status: 400,
        body: { fields: { limit: [`limit must not be greater than ${max}`] } },
      });
      expect((await get(as(), withParams(path, { limit: String(max) }))).status).toBe(200);
      expect((await get(as(), withParams(path, { limit: '0' }))).status).toBe(400);
      const forged = await get(
        as(),
        withParams(path, { cursor: Buffer.from('{"tenantId":"x"}').toString('base64url') }),
      );
      expect(forged).toMatchObject({
        status: 400,
        body: { fields: { cursor: [expect.stringContaining('X-Next-Cursor')] } },
      });
      // A page size by any name but `limit` is an unknown parameter like any other.
      for (const name of ['size', 'pageSize']) {
        expect(await get(as(), withParams(path, { [name]: '1' }))).toMatchObject({
          status: 400,
          body: { fields: { [name]: [`property ${name} should not exist`] } },
        });
      }
    },
  );

  const byTime = routes.filter(([path]) => !['/api/patients', '/api/staff', '/api/presence/online'].includes(path));

  it.each(byTime)('%s: refuses the cursor of a list by name, with a message', async (path, _max, as) => {
    const byName = (await get(admin, withParams('/api/patients', { limit: '1' }))).nextCursor as string;
    expect(await get(as(), withParams(path, { cursor: byName }))).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('X-Next-Cursor') },
    });
  });

  /** Instants `toISOString()` writes for years outside 0–9999: no row has one, and PostgreSQL holds none. */
  const OUT_OF_RANGE = ['-271821-04-20T00:00:00.000Z', '-004714-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z'];
  const forgedCursor = (key: string, id = '00000000-0000-4000-8000-000000000000') =>
    Buffer.from(JSON.stringify([key, id])).toString('base64url');

  it.each(byTime)('%s: refuses a cursor at an instant no row can have, with a message', async (path, _max, as) => {
    for (const key of OUT_OF_RANGE) {
      expect(await get(as(), withParams(path, { cursor: forgedCursor(key) }))).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('X-Next-Cursor') },
      });
    }
  });

  it("gives another clinic nothing of this clinic's lists, even with this clinic's cursors", async () => {
    const riversideIds = new Set<string>();
    for (const [path, , as] of routes) {
      (await walk(as(), path, 100)).flat().forEach((item) => riversideIds.add(identity(item)));
    }
    for (const [path, , as] of routes) {
      const cursor = (await get(as(), withParams(path, { limit: '1' }))).nextCursor;
      expect(cursor).toEqual(expect.any(String));
      const queries: Record<string, string>[] = [{ limit: '100' }, { limit: '100', cursor: cursor as string }];
      for (const query of queries) {
        const answer = await get(lakesideAdmin, withParams(path, query));
        expect(answer.status).toBe(200);
        expect((answer.body as Item[]).map(identity).filter((id) => riversideIds.has(id))).toEqual([]);
      }
    }
  });

  it('pages the inbox by cursor, missing none that were unread when the person read down the list', async () => {
    const path = '/api/notifications';
    const whole = (await get(nurse, withParams(path, { limit: '100' }))).body as NotificationList;
    const unreadAtFirst = whole.items.filter((n) => !n.readAt).map((n) => n.id);
    expect(unreadAtFirst.length).toBeGreaterThanOrEqual(5);

    // Each page's last notification is read before the next page is asked for, as on the page.
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: Answer = await get(nurse, withParams(path, { limit: '2', ...(cursor ? { cursor } : {}) }));
      expect(answer.status).toBe(200);
      const { items } = answer.body as NotificationList;
      expect(items.length).toBeLessThanOrEqual(2);
      items.forEach((n) => seen.add(n.id));
      const last = items.at(-1);
      if (last && !last.readAt) expect((await nurse.rest.post(`${path}/read`, { ids: [last.id] })).status).toBe(200);
      cursor = answer.nextCursor;
    } while (cursor && ++pages < 100);
    expect(whole.items.map((n) => n.id).filter((id) => !seen.has(id))).toEqual([]);

    const forged = await get(
      nurse,
      withParams(path, { cursor: Buffer.from('{"tenantId":"x"}').toString('base64url') }),
    );
    expect(forged).toMatchObject({
      status: 400,
      body: { fields: { cursor: [expect.stringContaining('X-Next-Cursor')] } },
    });
    const patientsCursor = (await get(admin, withParams('/api/patients', { limit: '1' }))).nextCursor as string;
    for (const cursor of [patientsCursor, ...OUT_OF_RANGE.map((at) => forgedCursor(`unread|${at}`))]) {
      expect(await get(nurse, withParams(path, { cursor }))).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining('X-Next-Cursor') },
      });
    }
    expect((await get(nurse, withParams(path, { size: '1' }))).status).toBe(400);
    // Another clinic with this inbox's cursor reads its own inbox, none of the nurse's.
    const nurseCursor = (await get(nurse, withParams(path, { limit: '1' }))).nextCursor as string;
    const other = await get(lakesideAdmin, withParams(path, { limit: '100', cursor: nurseCursor }));
    expect(other.status).toBe(200);
    expect((other.body as NotificationList).items.filter((n) => seen.has(n.id))).toEqual([]);
  });

  it("pages a thread's messages from the newest back, each page oldest first, with the same limits", async () => {
    const thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId], subject: 'Long one' })
    ).body;
    for (const body of ['m1', 'm2', 'm3', 'm4', 'm5']) {
      expect((await provider.rest.post(`/api/threads/${thread.id}/messages`, { body })).status).toBe(201);
    }
    const path = `/api/threads/${thread.id}/messages`;
    const pages = await walk(nurse, path, 2);
    expect(pages.map((page) => page.map((message) => message['body']))).toEqual([['m4', 'm5'], ['m2', 'm3'], ['m1']]);
    expect((await get(nurse, withParams(path, { limit: '201' }))).status).toBe(400);
    expect((await get(nurse, withParams(path, { cursor: 'e30' }))).status).toBe(400);
    const byName = (await get(admin, withParams('/api/patients', { limit: '1' }))).nextCursor as string;
    expect((await get(nurse, withParams(path, { cursor: byName }))).status).toBe(400);
    for (const key of OUT_OF_RANGE) {
      expect((await get(nurse, withParams(path, { cursor: forgedCursor(key) }))).status).toBe(400);
    }
    expect((await get(nurse, withParams(path, { size: '1' }))).status).toBe(400);
    const cursor = (await get(nurse, withParams(path, { limit: '1' }))).nextCursor as string;
    expect((await get(lakesideAdmin, withParams(path, { cursor }))).status).toBe(404);
  });

  it("finds patients by part of the name or the start of the MRN, page by page, in the caller's clinic only", async () => {
    const names = async (session: StaffSession, q: string, limit = 100) =>
      (await walk(session, withParams('/api/patients', { q }), limit)).flat().map((patient) => patient['displayName']);
    expect(await names(nurse, 'BLAKE')).toEqual(['Jordan Blake']);
    // By MRN, trimmed, one row a page: every demo MRN starts RIV-100.
    const byMrn = await names(nurse, ' riv-100 ', 1);
    expect(byMrn.length).toBeGreaterThan(1);
    expect(byMrn).toEqual(await names(nurse, 'RIV'));
    expect(await names(nurse, 'an', 1)).toEqual(
      (await walk(nurse, '/api/patients', 100))
        .flat()
        .map((patient) => patient['displayName'])
        .filter((name) => /an/i.test(String(name))),
    );
    // Another clinic's names and MRNs find nothing, and a blank search is no filter.
    expect(await names(lakesideAdmin, 'Blake')).toEqual([]);
    expect(await names(lakesideAdmin, 'RIV')).toEqual([]);
    expect((await names(lakesideAdmin, '  ')).length).toBe(
      (await walk(lakesideAdmin, '/api/patients', 100)).flat().length,
    );

    for (const q of ['%', 'a_b', 'x'.repeat(101)]) {
      const answer = await get(nurse, withParams('/api/patients', { q }));
      expect(answer).toMatchObject({ status: 400, body: { fields: { q: [expect.any(String)] } } });
    }
  });

  it('keeps answering the contract arrays without a limit (what the portal asks for)', async () => {
    const threads = await get(nurse, '/api/threads');
    expect(threads.nextCursor).toBeNull();
    const cases = (threads.body as ThreadSummary[])
      .map((t) => t.subject)
      .filter((subject) => subject.startsWith('Case '));
    expect(cases).toEqual(['Case 4', 'Case 3', 'Case 2', 'Case 1', 'Case 0']);
    const staff = await get(admin, '/api/staff');
    expect((staff.body as StaffMember[]).map((member) => member.name)).toContain('Nora Quinn');
  });

  it('lets a browser page read the next cursor across origins', async () => {
    const answer = await fetch(`${server.url}/api/staff?limit=1`, {
      headers: { authorization: `Bearer ${admin.token}`, origin: 'http://localhost:4200' },
    });
    expect(answer.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('x-next-cursor');
    expect(answer.headers.get('x-next-cursor')).toEqual(expect.any(String));
  });

  it('finds a name whatever its accents and case, as typed on any keyboard, in the caller’s clinic only', async () => {
    await addPatients(server.database, nurse.login.user.tenantId, [
      { displayName: 'Inés Muñoz', dateOfBirth: '1985-02-03', mrn: 'RIV-9001' },
      { displayName: 'Zoë Ångström', dateOfBirth: '1992-08-09', mrn: 'RIV-9002' },
      { displayName: 'Сергей Йорданов', dateOfBirth: '1979-03-04', mrn: 'RIV-9003' },
      { displayName: 'Łukasz Żak', dateOfBirth: '1988-05-06', mrn: 'RIV-9004' },
      { displayName: 'Σοφία Παπαδοπούλου', dateOfBirth: '1991-07-08', mrn: 'RIV-9005' },
    ]);
    await addPatients(server.database, lakesideAdmin.login.user.tenantId, [
      { displayName: 'José Muñoz', dateOfBirth: '1975-04-05', mrn: 'LAK-9001' },
    ]);
    const names = async (session: StaffSession, q: string) =>
      ((await get(session, withParams('/api/patients', { q }))).body as PatientSummary[]).map(
        (patient) => patient.displayName,
      );
    for (const q of ['munoz', 'MUNOZ', 'Muñoz', 'MUÑOZ', 'ines mu'])
      expect(await names(nurse, q)).toEqual(['Inés Muñoz']);
    for (const q of ['zoe', 'ZOË', 'angstrom', 'Ångström']) expect(await names(nurse, q)).toEqual(['Zoë Ångström']);
    // As written, in either case, on both databases: both sides are folded by the same functions.
    for (const q of ['Йорданов', 'йорданов', 'ЙОРДАНОВ']) expect(await names(nurse, q)).toEqual(['Сергей Йорданов']);
    for (const q of ['Łukasz', 'ŁUKASZ', 'lukasz', 'zak']) expect(await names(nurse, q)).toEqual(['Łukasz Żak']);
    for (const q of ['Σοφία', 'ΣΟΦΊΑ', 'σοφια']) expect(await names(nurse, q)).toEqual(['Σοφία Παπαδοπούλου']);
    expect(await names(nurse, 'jose')).toEqual([]);
    expect(await names(lakesideAdmin, 'munoz')).toEqual(['José Muñoz']);
  });
});
