import { LabResultView, NotificationList, PatientSummary, PriorAuthView, TaskView } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

/** As long as the forms allow: 200 characters, some of them outside the Basic Multilingual Plane. */
const longest = (start: string) => `${start} 🧴`.padEnd(200 + 1, ' excision margin');
/** What the inbox keeps of a notice's title: 200 characters at most, cut with an ellipsis. */
const clipped = (title: string) => {
  const characters = Array.from(title);
  return characters.length <= 200 ? title : `${characters.slice(0, 199).join('')}…`;
};

describe('patient records: simultaneous decisions and the longest names', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let deskSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let patient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, provider, admin, otherClinic] = await Promise.all(
      ['frontdesk', 'nurse', 'provider', 'admin']
        .map((login) => StaffSession.signIn(server.url, `${login}@riverside.test`))
        .concat(StaffSession.signIn(server.url, 'admin@lakeside.test')),
    );
    deskSocket = await frontDesk.connect();
    otherSocket = await otherClinic.connect();
    [patient] = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
  });
  afterAll(async () => {
    [frontDesk, nurse, provider, admin, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
  });

  const startPriorAuth = async (procedure: string) => {
    const created = await frontDesk.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId: patient.id,
      providerId: provider.userId,
      procedure,
    });
    expect(created.status).toBe(201);
    return created.body;
  };
  const providerNoticesTitled = async (title: string) => {
    const { items } = (await provider.rest.get<NotificationList>('/api/notifications?limit=100')).body;
    return items.filter((notice) => notice.title === title);
  };

  it('keeps an approval final when a denial is recorded at the same moment, and tells the provider once', async () => {
    for (let round = 1; round <= 6; round++) {
      const procedure = `Biologic for psoriasis, request ${round}`;
      const { id } = await startPriorAuth(procedure);
      expect((await frontDesk.rest.patch(`/api/prior-auths/${id}`, { status: 'submitted' })).status).toBe(200);

      const [approval, denial] = await Promise.all([
        nurse.rest.patch<PriorAuthView>(`/api/prior-auths/${id}`, { status: 'approved' }),
        admin.rest.patch<PriorAuthView>(`/api/prior-auths/${id}`, { status: 'denied' }),
      ]);
      // Whichever comes second sees the first: a denial after the approval is refused; an
      // approval after the denial replaces it.
      expect(approval.status).toBe(200);
      expect([200, 409]).toContain(denial.status);
      expect((await admin.rest.get<PriorAuthView>(`/api/prior-auths/${id}`)).body.status).toBe('approved');
      expect(await providerNoticesTitled(`Prior authorization approved: ${procedure}`)).toHaveLength(1);
    }
    await deskSocket.expectNone('notification:new', (e) => e.data.notification.kind === 'prior-auth-status');
    await otherSocket.expectNone('notification:new');
  });

  it('records a status sent twice at once as one change, told once', async () => {
    for (let round = 1; round <= 6; round++) {
      const procedure = `Phototherapy course ${round}`;
      const { id } = await startPriorAuth(procedure);
      const answers = await Promise.all(
        [nurse, admin].map((session) =>
          session.rest.patch<PriorAuthView>(`/api/prior-auths/${id}`, { status: 'submitted' }),
        ),
      );
      expect(answers.map((answer) => [answer.status, answer.body.status])).toEqual([
        [200, 'submitted'],
        [200, 'submitted'],
      ]);
      expect(await providerNoticesTitled(`Prior authorization submitted: ${procedure}`)).toHaveLength(1);
    }
    await otherSocket.expectNone('notification:new');
  });

  it('moves a prior authorization with the longest procedure, telling it in a title the inbox holds', async () => {
    const procedure = longest('Mohs surgery of the left cheek');
    const { id } = await startPriorAuth(procedure);
    const providerSocket = await provider.connect();
    for (const [status, wording] of [
      ['submitted', 'submitted'],
      ['more-info-needed', 'needs more information'],
      ['denied', 'denied'],
      ['approved', 'approved'],
    ] as const) {
      const moved = await nurse.rest.patch<PriorAuthView>(`/api/prior-auths/${id}`, { status });
      expect([moved.status, moved.body.status]).toEqual([200, status]);
      const title = clipped(`Prior authorization ${wording}: ${procedure}`);
      const notice = await providerSocket.waitFor('notification:new', (e) => e.data.notification.title === title);
      expect(Array.from(notice.data.notification.title)).toHaveLength(200);
      expect(await providerNoticesTitled(title)).toHaveLength(1);
    }
    expect((await nurse.rest.get<PriorAuthView>(`/api/prior-auths/${id}`)).body.procedure).toBe(procedure);
    await otherSocket.expectNone('notification:new');
  });

  it('files a lab result and assigns a task with the longest names, telling them in titles the inbox holds', async () => {
    const testName = longest('Skin biopsy pathology, punch, 4 mm');
    const filed = await nurse.rest.post<LabResultView>('/api/lab-results', {
      patientId: patient.id,
      orderingProviderId: provider.userId,
      testName,
    });
    expect([filed.status, filed.body.testName]).toEqual([201, testName]);
    expect(await providerNoticesTitled(clipped(`Lab result ready: ${testName}`))).toHaveLength(1);

    const title = longest('Call the patient back about the biopsy');
    const task = await frontDesk.rest.post<TaskView>('/api/tasks', { assigneeId: provider.userId, title });
    expect([task.status, task.body.title]).toEqual([201, title]);
    expect(await providerNoticesTitled(clipped(`New task: ${title}`))).toHaveLength(1);
    await otherSocket.expectNone('notification:new');
  });
});
