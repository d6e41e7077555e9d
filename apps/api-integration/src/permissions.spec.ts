import {
  PatientSummary,
  PatientViewAuditEntry,
  Permission,
  PERMISSION_NAMES,
  PriorAuthView,
  STAFF_ROLES,
  StaffRole,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, RestResponse, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule } from './support/clinic-schedule';

const LOGIN: Record<StaffRole, string> = {
  provider: 'provider',
  nurse: 'nurse',
  'front-desk': 'frontdesk',
  admin: 'admin',
};

/**
 * The matrix of docs/security.md, written out here rather than read from the code, so that a change
 * to the code's matrix that the documentation does not share fails this suite.
 */
const ALLOWED: Record<Permission, StaffRole[]> = {
  'alert:send-to-person': ['provider', 'nurse', 'front-desk', 'admin'],
  'alert:send-to-role': ['provider', 'nurse', 'admin'],
  'alert:send-to-everyone': ['provider', 'admin'],
  'announcement:post': ['admin'],
  'prior-auth:track': ['provider', 'nurse', 'front-desk', 'admin'],
  'prior-auth:decide': ['provider', 'nurse', 'admin'],
  'lab-result:file': ['provider', 'nurse'],
  'appointment:complete': ['provider', 'nurse'],
  'appointment:mark-no-show': ['front-desk', 'nurse', 'admin'],
  'audit:read-chart-views': ['admin'],
  'audit:read-record-reads': ['admin'],
  'operations:watch': ['admin'],
  'staff:administer': ['admin'],
};

describe('permissions: every role against every permission-gated route', () => {
  let server: ApiServer;
  const riverside = {} as Record<StaffRole, StaffSession>;
  let lakesideAdmin: StaffSession;
  let lakesideSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let schedule: ClinicSchedule;
  let slot = 0;

  beforeAll(async () => {
    server = await startApiServer();
    await Promise.all(
      STAFF_ROLES.map(async (role) => {
        riverside[role] = await StaffSession.signIn(server.url, `${LOGIN[role]}@riverside.test`);
      }),
    );
    lakesideAdmin = await StaffSession.signIn(server.url, 'admin@lakeside.test');
    lakesideSocket = await lakesideAdmin.connect();
    [patient] = (await riverside.admin.rest.get<PatientSummary[]>('/api/patients')).body;
    schedule = await ClinicSchedule.of(riverside.admin);
  });
  afterAll(async () => {
    [...Object.values(riverside), lakesideAdmin].forEach((session) => session?.close());
    await server?.dispose();
  });

  const colleagueOf = (role: StaffRole) => riverside[role === 'nurse' ? 'provider' : 'nurse'];
  const draftPriorAuth = async () => {
    const created = await riverside.admin.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId: patient.id,
      providerId: riverside.provider.userId,
      procedure: `Biologic for psoriasis ${++slot}`,
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  /** One request per permission, as `role`; each uses fresh data so no cell depends on another. */
  const attempts: Record<Permission, (role: StaffRole) => Promise<RestResponse<unknown>>> = {
    'alert:send-to-person': (role) =>
      riverside[role].rest.post('/api/alerts', {
        title: `Room ${++slot}`,
        to: { userIds: [colleagueOf(role).userId] },
      }),
    'alert:send-to-role': (role) =>
      riverside[role].rest.post('/api/alerts', {
        title: `Role ${++slot}`,
        to: { role: role === 'admin' ? 'nurse' : 'admin' },
      }),
    'alert:send-to-everyone': (role) =>
      riverside[role].rest.post('/api/alerts', { title: `All ${++slot}`, to: { everyone: true } }),
    'announcement:post': (role) =>
      riverside[role].rest.post('/api/announcements', {
        title: `Closing early ${++slot}`,
        body: 'Friday',
      }),
    'prior-auth:track': async (role) => {
      const draft = await draftPriorAuth();
      return riverside[role].rest.patch(`/api/prior-auths/${draft.id}`, { status: 'submitted' });
    },
    'prior-auth:decide': async (role) => {
      const draft = await draftPriorAuth();
      return riverside[role].rest.patch(`/api/prior-auths/${draft.id}`, { status: 'approved' });
    },
    'lab-result:file': (role) =>
      riverside[role].rest.post('/api/lab-results', {
        patientId: patient.id,
        orderingProviderId: riverside.provider.userId,
        testName: `Skin biopsy ${++slot}`,
      }),
    'appointment:complete': async (role) => {
      const visit = await schedule.bookToday();
      expect((await riverside.nurse.rest.post(`/api/appointments/${visit.id}/check-in`)).status).toBe(200);
      return riverside[role].rest.post(`/api/appointments/${visit.id}/complete`);
    },
    'appointment:mark-no-show': async (role) => {
      const missed = await schedule.book(schedule.slotOn(schedule.yesterday()), { confirmPast: true });
      return riverside[role].rest.post(`/api/appointments/${missed.id}/no-show`);
    },
    'audit:read-chart-views': (role) => riverside[role].rest.get('/api/audit/patient-views'),
    'audit:read-record-reads': (role) => riverside[role].rest.get('/api/audit/patient-record-reads'),
    'operations:watch': (role) => riverside[role].rest.get('/api/operations'),
    'staff:administer': (role) =>
      riverside[role].rest.patch(`/api/staff/${riverside['front-desk'].userId}`, { active: true }),
  };

  it('the table covers every permission', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...PERMISSION_NAMES].sort());
  });

  const cells = PERMISSION_NAMES.flatMap((permission) => STAFF_ROLES.map((role) => [permission, role] as const));
  it.each(cells)('%s as %s', async (permission, role) => {
    const response = await attempts[permission](role);
    if (ALLOWED[permission].includes(role)) {
      const outcome =
        response.status >= 200 && response.status < 300
          ? 'allowed'
          : `${response.status} ${JSON.stringify(response.body)}`;
      expect(outcome).toBe('allowed');
    } else {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ message: expect.stringContaining(permission) });
    }
  });

  it('front desk can neither alert the whole clinic nor approve, and nothing was stored or sent', async () => {
    const adminSocket = await riverside.admin.connect();
    const title = `Fire drill ${++slot}`;
    expect((await riverside['front-desk'].rest.post('/api/alerts', { title, to: { everyone: true } })).status).toBe(
      403,
    );
    const draft = await draftPriorAuth();
    expect(
      (
        await riverside['front-desk'].rest.patch(`/api/prior-auths/${draft.id}`, {
          status: 'approved',
        })
      ).status,
    ).toBe(403);
    expect((await riverside.admin.rest.get<PriorAuthView>(`/api/prior-auths/${draft.id}`)).body.status).toBe('draft');
    // A later alert the admin does receive is the barrier: the refused one would have come first.
    const barrier = `Barrier ${++slot}`;
    expect(
      (
        await riverside.provider.rest.post('/api/alerts', {
          title: barrier,
          to: { everyone: true },
        })
      ).status,
    ).toBe(201);
    await adminSocket.waitFor('notification:new', (e) => e.data.notification.title === barrier);
    const titles = adminSocket.received('notification:new').map((e) => e.data.notification.title);
    expect(titles).not.toContain(title);
  });

  it('uses the role the account has now: a promoted front desk may alert everyone, and not once demoted', async () => {
    const desk = riverside['front-desk'];
    expect((await riverside.admin.rest.patch(`/api/staff/${desk.userId}`, { role: 'admin' })).status).toBe(200);
    try {
      expect(
        (
          await desk.rest.post('/api/alerts', {
            title: `Promoted ${++slot}`,
            to: { everyone: true },
          })
        ).status,
      ).toBe(201);
    } finally {
      expect((await riverside.admin.rest.patch(`/api/staff/${desk.userId}`, { role: 'front-desk' })).status).toBe(200);
    }
    expect((await desk.rest.post('/api/alerts', { title: `Demoted ${++slot}`, to: { everyone: true } })).status).toBe(
      403,
    );
  });

  it("gives another clinic's admin nothing of this clinic, and tells them nothing of it", async () => {
    const draft = await draftPriorAuth();
    const viewed = await riverside.nurse.connect();
    expect(await viewed.command('patient:view-start', { patientId: patient.id })).toMatchObject({
      ok: true,
    });
    expect(await viewed.command('patient:view-stop', { patientId: patient.id })).toMatchObject({
      ok: true,
    });

    const foreign = lakesideAdmin.rest;
    expect((await foreign.patch(`/api/prior-auths/${draft.id}`, { status: 'approved' })).status).toBe(404);
    expect((await foreign.get(`/api/prior-auths/${draft.id}`)).status).toBe(404);
    expect((await foreign.patch(`/api/staff/${riverside.nurse.userId}`, { active: false })).status).toBe(404);
    expect(
      (
        await foreign.post('/api/alerts', {
          title: 'Hi',
          to: { userIds: [riverside.nurse.userId] },
        })
      ).status,
    ).toBe(404);
    const labResult = {
      patientId: patient.id,
      orderingProviderId: riverside.provider.userId,
      testName: 'CBC',
    };
    expect([403, 404]).toContain((await foreign.post('/api/lab-results', labResult)).status);

    const audit = await foreign.get<PatientViewAuditEntry[]>('/api/audit/patient-views');
    expect(audit.status).toBe(200);
    const riversideIds = [patient.id, ...Object.values(riverside).map((s) => s.userId)];
    expect(JSON.stringify(audit.body)).not.toMatch(new RegExp(riversideIds.join('|')));
    const filtered = await foreign.get<PatientViewAuditEntry[]>(`/api/audit/patient-views?patientId=${patient.id}`);
    expect(filtered.status).toBe(404);
    expect(
      (await riverside.admin.rest.get<PatientViewAuditEntry[]>(`/api/audit/patient-views?patientId=${patient.id}`))
        .body,
    ).not.toEqual([]);

    // Every riverside alert and announcement above went to riverside sockets only; the lakeside
    // announcement, sent last, is the barrier.
    const own = `Lakeside staff meeting ${++slot}`;
    expect((await foreign.post('/api/announcements', { title: own, body: 'Room 1' })).status).toBe(201);
    await lakesideSocket.waitFor('notification:new', (e) => e.data.notification.title === own);
    expect(lakesideSocket.received('notification:new').map((e) => e.data.notification.title)).toEqual([own]);
  });
});
