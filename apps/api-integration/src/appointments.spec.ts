import {
  AppointmentSummary,
  DomainEvent,
  PatientSummary,
  StaffMember,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, RestClient, StaffSession, startApiServer } from '@derm/shared/test-client';

const today = new Date().toISOString().slice(0, 10);
const at = (hour: number, minute = 0) =>
  `${today}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

describe('appointments, live', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let deskSocket: RealtimeTestClient;
  let nurseTabs: RealtimeTestClient[];
  let otherSocket: RealtimeTestClient;
  let patient: PatientSummary;
  let provider: StaffMember;

  beforeAll(async () => {
    server = await startApiServer();
    [frontDesk, nurse, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'frontdesk@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
    deskSocket = await frontDesk.connect();
    nurseTabs = [await nurse.connect(), await nurse.connect()];
    otherSocket = await otherClinic.connect();
    patient = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body[0];
    provider = (await frontDesk.rest.get<StaffMember[]>('/api/staff')).body.find((s) => s.role === 'provider')!;
  });
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const create = async (hour: number) => {
    const response = await frontDesk.rest.post<AppointmentSummary>('/api/appointments', {
      patientId: patient.id,
      providerId: provider.id,
      startsAt: at(hour),
      endsAt: at(hour, 30),
      type: 'skin-check',
    });
    expect(response.status).toBe(201);
    return response.body;
  };

  it("lists today's demo schedule of the caller's clinic only", async () => {
    const clinicToday = new Intl.DateTimeFormat('en-CA', { timeZone: frontDesk.login.user.timeZone }).format(new Date());
    const mine = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${clinicToday}`);
    const theirs = await otherClinic.rest.get<AppointmentSummary[]>(`/api/appointments?date=${clinicToday}`);
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(0);
    const mineIds = new Set(mine.body.map((a) => a.id));
    expect(theirs.body.some((a) => mineIds.has(a.id))).toBe(false);
  });

  it('sends appointment:created in the envelope to every socket of the clinic, and none elsewhere', async () => {
    const appointment = await create(17);
    const isIt = (e: DomainEvent<'appointment:created'>) => e.data.appointment.id === appointment.id;
    const received = await Promise.all([deskSocket, ...nurseTabs].map((s) => s.waitFor('appointment:created', isIt)));
    for (const event of received) {
      expect(event).toEqual({
        id: expect.any(String),
        type: 'appointment:created',
        tenantId: frontDesk.tenantId,
        occurredAt: expect.any(String),
        actor: { id: frontDesk.userId, name: frontDesk.login.user.name },
        data: { appointment },
      });
    }
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
    await otherSocket.expectNone('appointment:created');
  });

  it('announces a check-in and a cancellation to the clinic only', async () => {
    const appointment = await create(18);
    const checkIn = await nurse.rest.post<AppointmentSummary>(`/api/appointments/${appointment.id}/check-in`);
    expect(checkIn.body.status).toBe('checked-in');
    const checkedIn = await deskSocket.waitFor('appointment:checked-in', (e) => e.data.appointmentId === appointment.id);
    expect(checkedIn.data).toEqual({ appointmentId: appointment.id, patientId: patient.id, checkedInAt: checkIn.body.checkedInAt });
    expect(checkedIn.actor?.id).toBe(nurse.userId);

    const second = await create(19);
    await frontDesk.rest.post(`/api/appointments/${second.id}/cancel`, { reason: 'Patient called' });
    const cancelled = await nurseTabs[1].waitFor('appointment:cancelled', (e) => e.data.appointmentId === second.id);
    expect(cancelled.data).toEqual({ appointmentId: second.id, reason: 'Patient called' });

    await otherSocket.expectNone('appointment:checked-in');
    await otherSocket.expectNone('appointment:cancelled');
  });

  it('announces an update with the fields that changed', async () => {
    const appointment = await create(20);
    await frontDesk.rest.patch(`/api/appointments/${appointment.id}`, { startsAt: at(20, 15), endsAt: at(20, 45) });
    const updated = await nurseTabs[0].waitFor('appointment:updated', (e) => e.data.appointment.id === appointment.id);
    expect(updated.data.changes.sort()).toEqual(['endsAt', 'startsAt']);
    expect(updated.data.appointment.startsAt).toBe(at(20, 15));
  });

  it('answers 404 for an appointment or patient of another clinic, and changes nothing', async () => {
    const appointment = await create(21);
    const foreign = await otherClinic.rest.post(`/api/appointments/${appointment.id}/cancel`, {});
    expect(foreign.status).toBe(404);
    expect((await otherClinic.rest.get(`/api/patients/${patient.id}`)).status).toBe(404);
    const list = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${today}`);
    expect(list.body.find((a) => a.id === appointment.id)?.status).toBe('scheduled');
    await deskSocket.expectNone('appointment:cancelled', (e) => e.data.appointmentId === appointment.id);
  });

  it('validates REST bodies with the fields at fault', async () => {
    const response = await frontDesk.rest.post<{ fields: Record<string, string[]> }>('/api/appointments', {
      patientId: 'not-a-uuid',
      startsAt: 'tomorrow',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.fields)).toEqual(expect.arrayContaining(['patientId', 'providerId', 'startsAt', 'endsAt']));
    expect((await new RestClient(server.url).get(`/api/appointments?date=${today}`)).status).toBe(401);
  });
});
