import { randomUUID } from 'node:crypto';
import {
  AlertSummary,
  AppointmentSummary,
  DomainEvent,
  LabResultView,
  NotificationList,
  PatientSummary,
  PriorAuthView,
  StaffAccount,
  StaffMember,
  ThreadSummary,
} from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule } from './support/clinic-schedule';
import { ErrorBody, startThread } from './support/conversations';

describe('deactivated staff: the admins list every account, nobody can pick a deactivated one', () => {
  let server: ApiServer;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let nurseId: string;
  let schedule: ClinicSchedule;

  const setActive = async (userId: string, active: boolean) => {
    const response = await admin.rest.patch<StaffAccount>(`/api/staff/${userId}`, { active });
    expect(response.status).toBe(200);
  };
  const ids = (members: { id: string }[]) => members.map((member) => member.id);

  beforeAll(async () => {
    server = await startApiServer();
    [provider, frontDesk, admin, otherAdmin] = await Promise.all(
      ['provider@riverside.test', 'frontdesk@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map(
        (email) => StaffSession.signIn(server.url, email),
      ),
    );
    nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
    schedule = await ClinicSchedule.of(frontDesk);
  });
  afterEach(async () => {
    for (const { id, active } of (await admin.rest.get<StaffAccount[]>('/api/staff/accounts')).body) {
      if (active) continue;
      await setActive(id, true);
      // Deactivation ended the provider's session; the next test needs a live one.
      if (id === provider.userId) provider = await StaffSession.signIn(server.url, 'provider@riverside.test');
    }
  });
  afterAll(async () => {
    [provider, frontDesk, admin, otherAdmin].forEach((s) => s?.close());
    await server?.dispose();
  });

  it('a deactivated nurse leaves the colleagues list and stays on the admins’ accounts list; no one else reads it', async () => {
    await setActive(nurseId, false);

    for (const colleague of [provider, frontDesk, admin]) {
      const staff = await colleague.rest.get<StaffMember[]>('/api/staff');
      expect(staff.status).toBe(200);
      expect(ids(staff.body)).not.toContain(nurseId);
      expect(ids(staff.body)).toContain(provider.userId);
    }
    const accounts = await admin.rest.get<StaffAccount[]>('/api/staff/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.body.find((account) => account.id === nurseId)).toEqual({
      id: nurseId,
      name: 'Nora Quinn',
      role: 'nurse',
      active: false,
    });
    expect(accounts.body.find((account) => account.id === admin.userId)).toMatchObject({ active: true });
    expect(accounts.body.map((account) => account.name)).toEqual(
      [...accounts.body.map((account) => account.name)].sort((a, b) => a.localeCompare(b)),
    );

    for (const colleague of [provider, frontDesk]) {
      const refused = await colleague.rest.get<ErrorBody>('/api/staff/accounts');
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('staff:administer');
    }
    const foreign = await otherAdmin.rest.get<StaffAccount[]>('/api/staff/accounts');
    expect(foreign.status).toBe(200);
    expect(ids(foreign.body)).not.toContain(nurseId);
    expect(foreign.body.map((account) => account.name)).not.toContain('Alma Reyes');
  });

  it('the whole clinic hears a deactivation, a reactivation and a role change at once; another clinic hears nothing, and a change to nothing sends nothing', async () => {
    const [deskSocket, foreignSocket] = await Promise.all([frontDesk.connect(), otherAdmin.connect()]);
    const aboutNurse = (e: DomainEvent<'staff:changed'>) => e.data.account.id === nurseId;

    await setActive(nurseId, false);
    expect(await deskSocket.waitFor('staff:changed', aboutNurse)).toMatchObject({
      type: 'staff:changed',
      tenantId: frontDesk.tenantId,
      actor: { id: admin.userId, name: 'Alma Reyes' },
      data: { account: { id: nurseId, name: 'Nora Quinn', role: 'nurse', active: false } },
    });
    // Already deactivated: nothing changes, nothing is sent.
    await setActive(nurseId, false);
    await setActive(nurseId, true);
    const back = await deskSocket.waitFor('staff:changed', aboutNurse);
    expect(back.data.account).toEqual({ id: nurseId, name: 'Nora Quinn', role: 'nurse', active: true });
    await deskSocket.expectNone('staff:changed', aboutNurse);

    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'nurse' })).status).toBe(200);
    const reRoled = await deskSocket.waitFor('staff:changed', (e) => e.data.account.id === frontDesk.userId);
    expect(reRoled.data.account).toMatchObject({ role: 'nurse', active: true });
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' })).status).toBe(200);
    await deskSocket.waitFor('staff:changed', (e) => e.data.account.role === 'front-desk');

    // Lakeside's own change is the marker: had Riverside's reached it, they would have come first.
    const lakesideDesk = (await otherAdmin.rest.get<StaffMember[]>('/api/staff')).body.find(
      (m) => m.role === 'front-desk',
    )!;
    expect((await otherAdmin.rest.patch(`/api/staff/${lakesideDesk.id}`, { role: 'nurse' })).status).toBe(200);
    await foreignSocket.waitFor('staff:changed', (e) => e.data.account.id === lakesideDesk.id);
    expect(foreignSocket.received('staff:changed').map((e) => e.data.account.id)).toEqual([lakesideDesk.id]);
    expect((await otherAdmin.rest.patch(`/api/staff/${lakesideDesk.id}`, { role: 'front-desk' })).status).toBe(200);
    await deskSocket.expectNone('staff:changed', (e) => e.data.account.id === lakesideDesk.id);
  });

  it('a change naming no role or no state (null) is refused naming the field, and the account stays as it was', async () => {
    for (const change of [{ active: null }, { role: null }]) {
      const response = await admin.rest.patch<{ fields: Record<string, string[]> }>(`/api/staff/${nurseId}`, change);
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(Object.keys(change));
    }
    const accounts = (await admin.rest.get<StaffAccount[]>('/api/staff/accounts')).body;
    expect(accounts.find((account) => account.id === nurseId)).toMatchObject({ role: 'nurse', active: true });
  });

  it('a conversation started with, or widened to, a deactivated colleague is refused naming them, and nothing changes', async () => {
    const before = (await provider.rest.get<ThreadSummary[]>('/api/threads')).body.length;
    await setActive(nurseId, false);

    const started = await provider.rest.post<ErrorBody>('/api/threads', {
      participantIds: [nurseId, frontDesk.userId],
      subject: `Room ${randomUUID().slice(0, 4)}`,
    });
    expect(started.status).toBe(409);
    expect(started.body.message).toBe('Nora Quinn is no longer active in this clinic');
    expect((await provider.rest.get<ThreadSummary[]>('/api/threads')).body).toHaveLength(before);

    const thread = await startThread(provider, [frontDesk]);
    const widened = await provider.rest.post<ErrorBody>(`/api/threads/${thread.id}/participants`, {
      userIds: [nurseId, admin.userId],
    });
    expect(widened.status).toBe(409);
    expect(widened.body.message).toBe('Nora Quinn is no longer active in this clinic');
    const after = await provider.rest.get<ThreadSummary>(`/api/threads/${thread.id}`);
    expect(ids(after.body.participants).sort()).toEqual([provider.userId, frontDesk.userId].sort());
    expect((await admin.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);
  });

  it('a conversation she was in before keeps her name, and she can be added again once reactivated', async () => {
    const thread = await startThread(provider, [frontDesk]);
    await setActive(nurseId, false);
    const refused = await provider.rest.post(`/api/threads/${thread.id}/participants`, { userIds: [nurseId] });
    expect(refused.status).toBe(409);

    await setActive(nurseId, true);
    const added = await provider.rest.post<ThreadSummary>(`/api/threads/${thread.id}/participants`, {
      userIds: [nurseId],
    });
    expect(added.status).toBe(200);
    await setActive(nurseId, false);
    const kept = await provider.rest.get<ThreadSummary>(`/api/threads/${thread.id}`);
    expect(kept.body.participants).toContainEqual({ id: nurseId, name: 'Nora Quinn', active: false });
  });

  it('alerts to a role or to everyone pass a deactivated nurse by; an alert naming her is refused', async () => {
    await setActive(nurseId, false);

    const named = await provider.rest.post<ErrorBody>('/api/alerts', { title: 'Room 3', to: { userIds: [nurseId] } });
    expect(named.status).toBe(409);
    expect(named.body.message).toBe('Nora Quinn is no longer active in this clinic');

    const everyone = await provider.rest.post<AlertSummary>('/api/alerts', {
      title: 'Fire drill',
      to: { everyone: true },
    });
    expect(everyone.status).toBe(201);
    expect(everyone.body.recipients.map((copy) => copy.userId).sort()).toEqual([frontDesk.userId, admin.userId].sort());

    const toNurses = await provider.rest.post<ErrorBody>('/api/alerts', { title: 'Any nurse', to: { role: 'nurse' } });
    expect(toNurses.status).toBe(400);
    expect(toNurses.body.fields?.['to']).toEqual(['the alert would reach no one but the sender']);
  });

  it('a clinic announcement made while she is deactivated is not in her inbox when she is back', async () => {
    await setActive(nurseId, false);
    const title = `Closing at noon ${randomUUID().slice(0, 4)}`;
    expect((await admin.rest.post('/api/announcements', { title, body: 'Staff meeting.' })).status).toBe(201);
    const deskInbox = (await frontDesk.rest.get<NotificationList>('/api/notifications')).body;
    expect(deskInbox.items.map((item) => item.title)).toContain(title);

    await setActive(nurseId, true);
    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    try {
      const inbox = (await nurse.rest.get<NotificationList>('/api/notifications')).body;
      expect(inbox.items.map((item) => item.title)).not.toContain(title);
    } finally {
      nurse.close();
    }
  });

  it('a task for a deactivated nurse and a visit with a deactivated provider are refused naming them', async () => {
    await setActive(nurseId, false);
    const task = await frontDesk.rest.post<ErrorBody>('/api/tasks', { assigneeId: nurseId, title: 'Call back' });
    expect(task.status).toBe(409);
    expect(task.body.message).toBe('Nora Quinn is no longer active in this clinic');

    await setActive(provider.userId, false);
    const slot = schedule.slotOn(schedule.today());
    const visit = await schedule.request(slot, { confirmPast: true });
    expect(visit.status).toBe(409);
    expect((visit.body as unknown as ErrorBody).message).toBe('Dr. Ana Ortiz is no longer active in this clinic');
    const day = (await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${schedule.today()}`)).body;
    expect(day.length).toBeGreaterThan(0);
    expect(day.map((booked) => booked.startsAt)).not.toContain(slot.startsAt);
  });

  it('a lab result or a prior authorization for a deactivated provider is refused naming them; an earlier prior authorization still moves, without telling them', async () => {
    const patientId = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body[0].id;
    const procedure = `Mohs surgery ${randomUUID().slice(0, 4)}`;
    const earlier = await frontDesk.rest.post<PriorAuthView>('/api/prior-auths', {
      patientId,
      providerId: provider.userId,
      procedure,
    });
    expect(earlier.status).toBe(201);
    await setActive(provider.userId, false);

    const nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    try {
      const result = await nurse.rest.post<ErrorBody>('/api/lab-results', {
        patientId,
        orderingProviderId: provider.userId,
        testName: procedure,
      });
      expect(result.status).toBe(409);
      expect(result.body.message).toBe('Dr. Ana Ortiz is no longer active in this clinic');
      const results = (await nurse.rest.get<LabResultView[]>(`/api/lab-results?patientId=${patientId}`)).body;
      expect(results.map((filed) => filed.testName)).not.toContain(procedure);
    } finally {
      nurse.close();
    }
    const another = await frontDesk.rest.post<ErrorBody>('/api/prior-auths', {
      patientId,
      providerId: provider.userId,
      procedure,
    });
    expect(another.status).toBe(409);
    expect(another.body.message).toBe('Dr. Ana Ortiz is no longer active in this clinic');

    const submitted = await frontDesk.rest.patch<PriorAuthView>(`/api/prior-auths/${earlier.body.id}`, {
      status: 'submitted',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    const requests = (await frontDesk.rest.get<PriorAuthView[]>(`/api/prior-auths?patientId=${patientId}`)).body;
    expect(requests.filter((request) => request.procedure === procedure)).toEqual([submitted.body]);

    await setActive(provider.userId, true);
    provider = await StaffSession.signIn(server.url, 'provider@riverside.test');
    const inbox = (await provider.rest.get<NotificationList>('/api/notifications')).body;
    expect(inbox.items.map((item) => item.title)).not.toContain(`Prior authorization submitted: ${procedure}`);
  });
});
