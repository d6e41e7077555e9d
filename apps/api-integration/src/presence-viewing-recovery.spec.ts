import { PatientSummary, PatientViewAuditEntry, PatientViewers } from '@derm/shared/contracts';
import { RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule } from './support/clinic-schedule';
import { startCluster, startTimeout } from './support/cluster';
import { viewerIds } from './support/presence-signals';

describe.each([
  ['on one node', 1],
  ['on another node of the deployment', 2],
] as const)('a chart viewer whose connection drops, and who recovers the session %s', (_, nodes) => {
  /** Where the provider first connects; everyone else, and the provider's recovery, use the first node. */
  let viewerUrl: string;
  let stop: () => Promise<void>;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let patient: PatientSummary;

  beforeAll(async () => {
    const cluster = nodes === 2 ? await startCluster(2) : undefined;
    const server = cluster?.nodes[0] ?? (await startApiServer());
    viewerUrl = (cluster?.nodes[1] ?? server).url;
    stop = () => (cluster ? cluster.dispose() : server.dispose());
    [nurse, provider, frontDesk, admin, otherClinic] = await Promise.all(
      [
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@riverside.test',
        'nurse@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
  }, startTimeout(nodes));
  afterAll(async () => {
    [nurse, provider, frontDesk, admin, otherClinic].forEach((session) => session?.close());
    await stop?.();
  });

  const listing =
    (...people: StaffSession[]) =>
    (signal: PatientViewers) =>
      signal.patientId === patient.id &&
      viewerIds(signal) ===
        people
          .map((person) => person.userId)
          .sort()
          .join();
  const view = async (socket: RealtimeTestClient, command: 'patient:view-start' | 'patient:view-stop') =>
    expect(await socket.command(command, { patientId: patient.id })).toMatchObject({ ok: true });

  it('is given back neither the chart’s room nor the viewers lists sent there while it was away', async () => {
    const [viewer, watcher, desk, outsider] = await Promise.all([
      RealtimeTestClient.connect(viewerUrl, provider.token),
      ...[nurse, frontDesk, otherClinic].map((session) => session.connect()),
    ]);
    await view(watcher, 'patient:view-start');
    // Taken now, so that only a later list without the provider can answer the wait below.
    await watcher.waitFor('patient:viewers', listing(nurse));
    await view(viewer, 'patient:view-start');
    await watcher.waitFor('patient:viewers', listing(nurse, provider));
    const credentials = viewer.recoveryCredentials;
    await viewer.dropTransport();
    // The drop ended the provider's view.
    await watcher.waitFor('patient:viewers', listing(nurse));

    // While the provider is away, the front desk opens and closes the chart, and books a visit.
    await view(desk, 'patient:view-start');
    await watcher.waitFor('patient:viewers', listing(nurse, frontDesk));
    await view(desk, 'patient:view-stop');
    await watcher.waitFor('patient:viewers', listing(nurse));
    const booked = await (await ClinicSchedule.of(frontDesk)).bookToday();

    const recovered = await provider.connect({ auth: credentials });
    expect(recovered.ready.recovered).toBe(true);
    // What its clinic's room sent meanwhile comes back…
    await recovered.waitFor('appointment:created', ({ data }) => data.appointment.id === booked.id);
    // …but nothing of the chart it no longer views, then or later.
    await recovered.expectNone('patient:viewers');
    await view(desk, 'patient:view-start');
    const heard = watcher.waitFor('patient:viewers', listing(nurse, frontDesk));
    await recovered.expectNone('patient:viewers', undefined, { after: heard });

    // Every view of the provider's is closed in the audit: nothing it heard went unaudited.
    const views = (
      await admin.rest.get<PatientViewAuditEntry[]>(
        `/api/audit/patient-views?patientId=${patient.id}&userId=${provider.userId}`,
      )
    ).body;
    expect(views).toEqual([expect.objectContaining({ endedAt: expect.any(String) })]);
    await outsider.expectNone('patient:viewers');
    [viewer, watcher, desk, outsider, recovered].forEach((socket) => socket.close());
  });
});
