import { PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { addPatients, ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

/**
 * What `Number()` reads as a number though it is no plain run of decimal digits: exponents, other
 * bases, a sign or spaces around it, a fraction, digit separators, nothing at all, and the same
 * parameter twice.
 */
const ODD_LIMITS: (string | string[])[] = [
  '1e2',
  '1E1',
  '0x10',
  '0o7',
  '0b11',
  '+10',
  ' 10',
  '10 ',
  '10\n',
  '\t10',
  '10.0',
  '10.',
  '.5',
  '1_0',
  '',
  'Infinity',
  '１０',
  ['10', '10'],
];
const NOT_DECIMAL = 'limit must be a whole number written in decimal digits, such as 10';

describe('integer query parameters: only decimal digits are read as a number', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let lakesideAdmin: StaffSession;
  let thread: ThreadSummary;
  let patient: PatientSummary;

  const get = async (session: StaffSession, path: string, limit?: string | string[]): Promise<Answer> => {
    const query = new URLSearchParams();
    for (const value of limit === undefined ? [] : [limit].flat()) query.append('limit', value);
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${server.url}${path}${limit === undefined ? '' : separator + query.toString()}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text), text };
  };

  beforeAll(async () => {
    server = await startApiServer({ env: { REST_READ_POINTS: '100000' } });
    [nurse, provider, admin, lakesideAdmin] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    // More patients than a page of 10 in each clinic, so a page of 10 is a part of the list.
    const patients = (count: number, clinic: string) =>
      Array.from({ length: count }, (_, i) => ({
        displayName: `${clinic} Patient ${String(i).padStart(2, '0')}`,
        dateOfBirth: '1980-01-01',
        mrn: `${clinic.slice(0, 3).toUpperCase()}-77${String(i).padStart(2, '0')}`,
      }));
    await addPatients(server.database, admin.login.user.tenantId, patients(12, 'Riverside'));
    await addPatients(server.database, lakesideAdmin.login.user.tenantId, patients(12, 'Lakeside'));
    thread = (
      await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId], subject: 'Numbers' })
    ).body;
    expect((await provider.rest.post(`/api/threads/${thread.id}/messages`, { body: 'first' })).status).toBe(201);
    patient = (await admin.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [nurse, provider, admin, lakesideAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  /** Every route that pages with `?limit=`, and who may read it. */
  const routes = (): [string, StaffSession][] => [
    ['/api/patients', admin],
    ['/api/staff', admin],
    ['/api/threads', nurse],
    [`/api/threads/${thread.id}/messages`, nurse],
    ['/api/appointments?date=2031-03-04', admin],
    [`/api/patients/${patient.id}/appointments`, admin],
    ['/api/tasks', nurse],
    ['/api/prior-auths', admin],
    ['/api/lab-results', admin],
    ['/api/announcements', admin],
    ['/api/alerts', admin],
    ['/api/notifications', nurse],
    ['/api/audit/patient-views', admin],
    ['/api/presence/online', admin],
  ];

  it('refuses every other form of a number on every list route with a 400 naming `limit`', async () => {
    for (const [path, as] of routes()) {
      expect([path, (await get(as, path, '10')).status]).toEqual([path, 200]);
      for (const limit of ODD_LIMITS) {
        const answer = await get(as, path, limit);
        expect([path, limit, answer]).toEqual([
          path,
          limit,
          {
            status: 400,
            body: { statusCode: 400, message: 'Validation failed', fields: { limit: [NOT_DECIMAL] } },
            text: expect.any(String),
          },
        ]);
      }
    }
  });

  it('still reads plain digits: `?limit=10` is the first 10 of the list, bounds refused as before', async () => {
    const whole = (await get(admin, '/api/patients')).body as PatientSummary[];
    expect(whole.length).toBeGreaterThan(10);
    const page = await get(admin, '/api/patients', '10');
    expect(page.status).toBe(200);
    expect((page.body as PatientSummary[]).map(({ id }) => id)).toEqual(whole.slice(0, 10).map(({ id }) => id));
    // Leading zeros are still decimal digits.
    expect((await get(admin, '/api/patients', '010')).body).toEqual(page.body);
    for (const [limit, message] of [
      ['0', 'limit must not be less than 1'],
      ['-1', 'limit must not be less than 1'],
      ['501', 'limit must not be greater than 500'],
      ['99999999999999999999999', 'limit must not be greater than 500'],
    ]) {
      expect(await get(admin, '/api/patients', limit)).toMatchObject({
        status: 400,
        body: { fields: { limit: [message] } },
      });
    }
  });

  it("gives another clinic's caller nothing of this clinic, with any form of the limit", async () => {
    const riverside = (await get(admin, '/api/patients', '100')).body as PatientSummary[];
    const riversideMarks = [thread.id, patient.id, ...riverside.flatMap(({ id, displayName }) => [id, displayName])];
    // An id the caller sent in the path may be named back to it (a 404 does): that tells it nothing.
    const leaks = (answer: Answer, path = '') =>
      riversideMarks.filter((mark) => answer.text.includes(mark) && !path.includes(mark));

    const own = await get(lakesideAdmin, '/api/patients', '10');
    expect(own.status).toBe(200);
    expect((own.body as PatientSummary[]).length).toBe(10);
    expect(leaks(own)).toEqual([]);
    for (const [path] of routes()) {
      for (const limit of ['10', ...ODD_LIMITS]) {
        const answer = await get(lakesideAdmin, path, limit);
        expect([path, limit, leaks(answer, path)]).toEqual([path, limit, []]);
        if (limit !== '10') expect([path, limit, answer.status]).toEqual([path, limit, 400]);
      }
    }
    // This clinic's thread and patient stay unknown to the other clinic with a plain limit.
    expect((await get(lakesideAdmin, `/api/threads/${thread.id}/messages`, '10')).status).toBe(404);
    expect((await get(lakesideAdmin, `/api/patients/${patient.id}/appointments`, '10')).status).toBe(404);
  });
});
