import { AppointmentSummary, ChatMessage, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';
import { FUTURE_DAY } from './support/clinic-schedule';

/** The test client's documented examples, as written (the type check compiles them too). */
describe('the test client, used as its README and the quickstart show', () => {
  let api: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakeside: StaffSession;

  beforeAll(async () => {
    api = await startApiServer();
    [nurse, provider, lakeside] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'nurse@lakeside.test'].map((email) =>
        StaffSession.signIn(api.url, email),
      ),
    );
  });
  afterAll(async () => {
    [nurse, provider, lakeside].forEach((session) => session?.close());
    await api?.dispose();
  });

  it('hears a booking made over REST (quickstart)', async () => {
    const desk = await StaffSession.signIn(api.url, 'frontdesk@riverside.test');
    const socket = await desk.connect();
    const created = socket.waitFor('appointment:created');
    const [patient] = (await desk.rest.get<PatientSummary[]>('/api/patients')).body;
    const staff = (await desk.rest.get<StaffMember[]>('/api/staff')).body;
    const booked = await desk.rest.post<AppointmentSummary>('/api/appointments', {
      patientId: patient.id,
      providerId: staff.find((member) => member.role === 'provider')?.id,
      startsAt: `${FUTURE_DAY}T15:00:00.000Z`,
      endsAt: `${FUTURE_DAY}T15:15:00.000Z`,
    });
    expect(booked.status).toBe(201);
    expect((await created).data.appointment).toEqual(booked.body);
    desk.close();
  });

  it('waits, expects none and sends commands (README)', async () => {
    const providerId = provider.userId;
    const otherClinicSocket = await lakeside.connect();
    const thread = await nurse.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [providerId],
      subject: 'Follow-up',
    });
    const socket = await nurse.connect();
    const tab = await nurse.connect({ auth: { presence: 'batched' } });
    const providerSocket = await provider.connect();
    await tab.waitFor('presence:changed', (changed) => changed.online.some((person) => person.userId === providerId));

    const sent = await provider.rest.post<ChatMessage>(`/api/threads/${thread.body.id}/messages`, { body: 'Hello' });
    const event = await socket.waitFor('message:new', (e) => e.data.threadId === thread.body.id);
    expect(event.data.message.id).toBe(sent.body.id);
    await otherClinicSocket.expectNone('message:new');
    const ack = await socket.command('thread:join', { threadId: thread.body.id });
    if (!ack.ok) throw new Error(ack.error.code);
    [otherClinicSocket, socket, tab, providerSocket].forEach((client) => client.close());
  });

  it('resumes a dropped socket with its recovery credentials (README)', async () => {
    const thread = await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId] });
    const socket = await nurse.connect();
    expect(await socket.command('thread:join', { threadId: thread.body.id })).toEqual({ ok: true });
    // Recovery resumes after the last event received, so the socket needs one first.
    const first = await provider.rest.post<ChatMessage>(`/api/threads/${thread.body.id}/messages`, { body: 'First' });
    await socket.waitFor('message:new', (e) => e.data.message.id === first.body.id);
    const credentials = socket.recoveryCredentials;
    await socket.dropTransport();
    const missed = await provider.rest.post<ChatMessage>(`/api/threads/${thread.body.id}/messages`, {
      body: 'Sent while the nurse was away',
    });

    const back = await nurse.connect({ auth: credentials });
    expect(back.ready.recovered).toBe(true);
    await back.waitFor('message:new', (e) => e.data.message.id === missed.body.id);
    back.close();
  });
});
