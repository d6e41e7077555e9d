import { PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import { ApiServer, eventually, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const viewerIds = (viewers: PatientViewers['viewers']) => viewers.map((viewer) => viewer.userId);

describe('patient viewing and its audit', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let providerTabs: RealtimeTestClient[];
  let otherSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let foreignPatient: PatientSummary;

  /** A `patient:viewers` for this patient listing exactly these people. */
  const listingOn =
    (patientId: string, ...userIds: string[]) =>
    (signal: PatientViewers) =>
      signal.patientId === patientId && viewerIds(signal.viewers).sort().join() === [...userIds].sort().join();
  /** The same for our patient. */
  const listing = (...userIds: string[]) => listingOn(patient.id, ...userIds);

  beforeAll(async () => {
    // The default grace period: a disconnect must end viewings at once, not after it.
    server = await startApiServer();
    [nurse, provider, admin, otherAdmin] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'provider@riverside.test'),
      StaffSession.signIn(server.url, 'admin@riverside.test'),
      StaffSession.signIn(server.url, 'admin@lakeside.test'),
    ]);
    nurseSocket = await nurse.connect();
    providerTabs = [await provider.connect(), await provider.connect()];
    otherSocket = await otherAdmin.connect();
    patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
    foreignPatient = (await otherAdmin.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [nurse, provider, admin, otherAdmin].forEach((s) => s?.close());
    await server?.dispose();
  });

  it('lists the viewers on start and tells the patient room when someone joins', async () => {
    const first = await nurseSocket.command('patient:view-start', { patientId: patient.id });
    expect(first).toEqual({
      ok: true,
      viewers: [{ userId: nurse.userId, name: 'Nora Quinn', since: expect.any(String) }],
    });
    await nurseSocket.waitFor('patient:viewers', listing(nurse.userId));

    const second = await providerTabs[0].command('patient:view-start', { patientId: patient.id });
    if (!second.ok) throw new Error(second.error.message);
    expect(viewerIds(second.viewers)).toEqual([nurse.userId, provider.userId]);
    const update = await nurseSocket.waitFor('patient:viewers', listing(nurse.userId, provider.userId));
    expect(update.viewers[1]).toEqual({ userId: provider.userId, name: 'Dr. Ana Ortiz', since: expect.any(String) });
  });

  it('counts a second tab of the same person once, and keeps them viewing when one tab closes', async () => {
    const secondTab = await providerTabs[1].command('patient:view-start', { patientId: patient.id });
    if (!secondTab.ok) throw new Error(secondTab.error.message);
    expect(viewerIds(secondTab.viewers)).toEqual([nurse.userId, provider.userId]);
    await nurseSocket.expectNone('patient:viewers');

    providerTabs[0].close();
    // The server has handled the close once the audit ends that tab's view.
    await eventually(
      "the closed tab's view ended",
      async () => {
        const audit = await admin.rest.get<PatientViewAuditEntry[]>(
          `/api/audit/patient-views?patientId=${patient.id}&userId=${provider.userId}`,
        );
        return audit.body.some((entry) => entry.endedAt !== undefined);
      },
      1000,
    );
    await nurseSocket.expectNone('patient:viewers');
    const rest = await nurse.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`);
    expect(rest.status).toBe(200);
    expect(rest.body.patientId).toBe(patient.id);
    expect(viewerIds(rest.body.viewers)).toEqual([nurse.userId, provider.userId]);
  });

  it('tells the room when the last tab of a person stops viewing', async () => {
    const stop = await providerTabs[1].command('patient:view-stop', { patientId: patient.id });
    expect(stop).toEqual({ ok: true, viewers: [expect.objectContaining({ userId: nurse.userId })] });
    await nurseSocket.waitFor('patient:viewers', listing(nurse.userId));
    // Out of the room: the stopped tab hears no more of this patient.
    const again = await provider.connect();
    await again.command('patient:view-start', { patientId: patient.id });
    await nurseSocket.waitFor('patient:viewers', listing(nurse.userId, provider.userId));
    await providerTabs[1].expectNone('patient:viewers', listing(nurse.userId, provider.userId));
    providerTabs.push(again);
  });

  it('removes the viewings of a socket the moment it disconnects', async () => {
    providerTabs[2].close();
    await nurseSocket.waitFor('patient:viewers', listing(nurse.userId), 1000);
    const rest = await nurse.rest.get<PatientViewers>(`/api/patients/${patient.id}/viewers`);
    expect(viewerIds(rest.body.viewers)).toEqual([nurse.userId]);
  });

  it('answers NOT_FOUND for a patient of another clinic, over the socket and REST', async () => {
    for (const command of ['patient:view-start', 'patient:view-stop'] as const) {
      expect(await nurseSocket.command(command, { patientId: foreignPatient.id })).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.any(String) },
      });
    }
    expect((await nurse.rest.get(`/api/patients/${foreignPatient.id}/viewers`)).status).toBe(404);
    expect((await otherAdmin.rest.get(`/api/patients/${patient.id}/viewers`)).status).toBe(404);
    expect(await otherSocket.command('patient:view-start', { patientId: patient.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await nurseSocket.raw('patient:view-start', [{ patientId: 'not-a-uuid' }])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(otherSocket.received('patient:viewers')).toEqual([]);
  });

  it('audits every view with its start, end and session, for admins only', async () => {
    const query = `/api/audit/patient-views?patientId=${patient.id}`;
    const whileOpen = await admin.rest.get<PatientViewAuditEntry[]>(query);
    expect(whileOpen.status).toBe(200);
    const nurseViews = whileOpen.body.filter((entry) => entry.userId === nurse.userId);
    expect(nurseViews).toEqual([
      {
        userId: nurse.userId,
        userName: 'Nora Quinn',
        patientId: patient.id,
        patientName: patient.displayName,
        client: 'Unknown browser',
        session: expect.stringMatching(/^[0-9a-f]{8}$/),
        startedAt: expect.any(String),
      },
    ]);
    const providerViews = whileOpen.body.filter((entry) => entry.userId === provider.userId);
    expect(providerViews).toHaveLength(3);
    // Three sockets, one sign-in: one session tag.
    expect(new Set(providerViews.map((entry) => entry.session)).size).toBe(1);
    for (const entry of providerViews) {
      expect(Object.keys(entry).sort()).toEqual([
        'client',
        'durationSeconds',
        'endedAt',
        'patientId',
        'patientName',
        'session',
        'startedAt',
        'userId',
        'userName',
      ]);
      expect(Date.parse(entry.endedAt!)).toBeGreaterThanOrEqual(Date.parse(entry.startedAt));
    }

    await nurseSocket.command('patient:view-stop', { patientId: patient.id });
    const closed = await admin.rest.get<PatientViewAuditEntry[]>(`${query}&userId=${nurse.userId}`);
    expect(closed.body).toEqual([
      { ...nurseViews[0], endedAt: expect.any(String), durationSeconds: expect.any(Number) },
    ]);

    const before = new Date(Date.parse(nurseViews[0].startedAt) - 60_000).toISOString();
    expect((await admin.rest.get<PatientViewAuditEntry[]>(`${query}&to=${before}`)).body).toEqual([]);
    const since = await admin.rest.get<PatientViewAuditEntry[]>(
      `${query}&from=${before}&to=${new Date().toISOString()}`,
    );
    expect(since.body).toHaveLength(4);

    expect((await nurse.rest.get(query)).status).toBe(403);
    expect((await provider.rest.get('/api/audit/patient-views')).status).toBe(403);
    expect((await otherAdmin.rest.get(query)).status).toBe(404);
    expect((await admin.rest.get('/api/audit/patient-views?patientId=nope')).status).toBe(400);
  });

  it("applies a socket's view commands in the order sent, however quickly they follow each other", async () => {
    const chart = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[1];
    const nurseTab = await nurse.connect();
    const colleague = await provider.connect();
    const viewersOf = async () =>
      viewerIds((await nurse.rest.get<PatientViewers>(`/api/patients/${chart.id}/viewers`)).body.viewers).sort();
    const heardSince = (count: number) =>
      colleague
        .received('patient:viewers')
        .slice(count)
        .map((signal) => viewerIds(signal.viewers).sort());
    const both = [nurse.userId, provider.userId].sort();
    await colleague.command('patient:view-start', { patientId: chart.id });

    for (let round = 0; round < 5; round++) {
      const heard = colleague.received('patient:viewers').length;
      const [start, stop] = await Promise.all([
        nurseTab.command('patient:view-start', { patientId: chart.id }),
        nurseTab.command('patient:view-stop', { patientId: chart.id }),
      ]);
      if (!start.ok || !stop.ok) throw new Error('A view command was refused');
      expect(viewerIds(start.viewers).sort()).toEqual(both);
      expect(viewerIds(stop.viewers)).toEqual([provider.userId]);
      // Both acks are in, and every signal published before them has reached the colleague.
      await colleague.roundTrip();
      expect(heardSince(heard)).toEqual([both, [provider.userId]]);
      expect(await viewersOf()).toEqual([provider.userId]);
    }
    const views = await admin.rest.get<PatientViewAuditEntry[]>(
      `/api/audit/patient-views?patientId=${chart.id}&userId=${nurse.userId}`,
    );
    expect(views.body).toHaveLength(5);
    for (const view of views.body) expect(view.endedAt).toEqual(expect.any(String));
    // Out of the room as well: the nurse's tab hears nobody else come.
    const adminTab = await admin.connect();
    await adminTab.command('patient:view-start', { patientId: chart.id });
    await colleague.waitFor('patient:viewers', listingOn(chart.id, provider.userId, admin.userId));
    await nurseTab.expectNone('patient:viewers', (signal) => viewerIds(signal.viewers).includes(admin.userId));

    // A stop then a start: the nurse views the chart, and is in its room.
    const everyone = [...both, admin.userId].sort();
    await nurseTab.command('patient:view-start', { patientId: chart.id });
    const heard = colleague.received('patient:viewers').length;
    const [, reopened] = await Promise.all([
      nurseTab.command('patient:view-stop', { patientId: chart.id }),
      nurseTab.command('patient:view-start', { patientId: chart.id }),
    ]);
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(viewerIds(reopened.viewers).sort()).toEqual(everyone);
    await colleague.roundTrip();
    expect(heardSince(heard).at(-1)).toEqual(everyone);
    expect(await viewersOf()).toEqual(everyone);
    await colleague.command('patient:view-stop', { patientId: chart.id });
    await nurseTab.waitFor('patient:viewers', listingOn(chart.id, nurse.userId, admin.userId));
  });
});
