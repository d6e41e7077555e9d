import { AppointmentSummary, ChatMessage, PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { ErrorBody, startThread } from './support/conversations';

/** The id in capitals: the same UUID, which a plain UUID check lets through to match nothing. */
const upper = (id: string): string => {
  const capitals = id.toUpperCase();
  expect(capitals).not.toBe(id);
  return capitals;
};

/** A REST refusal of an id in capitals: a 400 naming the field (a route parameter says it in its message). */
const expectRefusedRest = (response: { status: number; body: unknown }, field: string) => {
  expect(response.status).toBe(400);
  const body = response.body as ErrorBody;
  const rule = `${field} must be a lower-case UUID`;
  if (body.fields) expect(body.fields[field]).toEqual([expect.stringContaining(rule)]);
  else expect(body.message).toBe(rule);
};

/** A command refusal of an id in capitals: VALIDATION_FAILED naming the field. */
const refusedCommand = (field: string) => ({
  ok: false,
  error: {
    code: 'VALIDATION_FAILED',
    message: expect.stringContaining(`${field} must be a lower-case UUID`),
    fields: { [field]: [expect.stringContaining('must be a lower-case UUID')] },
  },
});

describe('ids in capitals, across the API', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let otherAdmin: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let providerSocket: RealtimeTestClient;
  let otherSocket: RealtimeTestClient;
  let patient: PatientSummary;

  beforeAll(async () => {
    server = await startApiServer();
    [nurse, provider, admin, otherAdmin] = await Promise.all(
      ['nurse@riverside.test', 'provider@riverside.test', 'admin@riverside.test', 'admin@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    [nurseSocket, providerSocket, otherSocket] = await Promise.all([
      nurse.connect(),
      provider.connect(),
      otherAdmin.connect(),
    ]);
    patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [nurse, provider, admin, otherAdmin].forEach((s) => s?.close());
    await server?.dispose();
  });

  describe('messaging', () => {
    let thread: ThreadSummary;
    let message: ChatMessage;

    beforeAll(async () => {
      thread = await startThread(nurse, [provider], { subject: 'Capitals', patientId: patient.id });
      message = (await nurse.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'First' })).body;
    });

    it('refuses them in paths, bodies and query strings, and writes nothing', async () => {
      const id = upper(thread.id);
      expectRefusedRest(await nurse.rest.get<ErrorBody>(`/api/threads/${id}`), 'id');
      expectRefusedRest(await nurse.rest.get<ErrorBody>(`/api/threads/direct/${upper(provider.userId)}`), 'userId');
      expectRefusedRest(await nurse.rest.get<ErrorBody>(`/api/threads?patientId=${upper(patient.id)}`), 'patientId');
      expectRefusedRest(await nurse.rest.get<ErrorBody>(`/api/threads/${id}/messages`), 'id');
      expectRefusedRest(
        await nurse.rest.get<ErrorBody>(`/api/threads/${thread.id}/messages?before=${upper(message.id)}`),
        'before',
      );
      expectRefusedRest(await nurse.rest.post<ErrorBody>(`/api/threads/${id}/messages`, { body: 'Lost' }), 'id');
      expectRefusedRest(
        await nurse.rest.post<ErrorBody>('/api/threads', { participantIds: [upper(provider.userId)] }),
        'participantIds',
      );
      expectRefusedRest(
        await nurse.rest.post<ErrorBody>('/api/threads', {
          participantIds: [provider.userId],
          patientId: upper(patient.id),
        }),
        'patientId',
      );
      expectRefusedRest(
        await nurse.rest.post<ErrorBody>(`/api/threads/${id}/participants`, { userIds: [admin.userId] }),
        'id',
      );
      expectRefusedRest(
        await nurse.rest.post<ErrorBody>(`/api/threads/${thread.id}/participants`, { userIds: [upper(admin.userId)] }),
        'userIds',
      );
      expectRefusedRest(await nurse.rest.delete<ErrorBody>(`/api/threads/${id}/participants/me`), 'id');

      const messages = await nurse.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`);
      expect(messages.body.map((m) => m.body)).toEqual(['First']);
      const now = await nurse.rest.get<ThreadSummary>(`/api/threads/${thread.id}`);
      expect(now.body.participants.map((p) => p.id).sort()).toEqual([nurse.userId, provider.userId].sort());
    });

    it('answers the same ids in lower case, and another clinic still finds nothing', async () => {
      expect((await nurse.rest.get(`/api/threads/${thread.id}`)).status).toBe(200);
      expect((await nurse.rest.get(`/api/threads/direct/${provider.userId}`)).body).toMatchObject({ id: thread.id });
      const aboutPatient = await nurse.rest.get<ThreadSummary[]>(`/api/threads?patientId=${patient.id}`);
      expect(aboutPatient.body.map((t) => t.id)).toContain(thread.id);
      expect((await otherAdmin.rest.get(`/api/threads?patientId=${patient.id}`)).status).toBe(404);
      expect((await nurse.rest.get(`/api/threads/${thread.id}/messages?before=${message.id}`)).status).toBe(200);
      expect((await otherAdmin.rest.get(`/api/threads/${thread.id}`)).status).toBe(404);
      expect((await otherAdmin.rest.get(`/api/threads/${thread.id}/messages?before=${message.id}`)).status).toBe(404);
    });

    it('refuses them in socket commands as VALIDATION_FAILED naming the field, and reads nothing', async () => {
      const threadId = upper(thread.id);
      expect(await nurseSocket.command('thread:join', { threadId })).toEqual(refusedCommand('threadId'));
      expect(await nurseSocket.command('typing:start', { threadId })).toEqual(refusedCommand('threadId'));
      expect(await nurseSocket.command('typing:stop', { threadId })).toEqual(refusedCommand('threadId'));
      expect(await nurseSocket.command('thread:leave', { threadId })).toEqual(refusedCommand('threadId'));
      expect(await providerSocket.command('message:mark-read', { threadId, messageId: message.id })).toEqual(
        refusedCommand('threadId'),
      );
      expect(
        await providerSocket.command('message:mark-read', { threadId: thread.id, messageId: upper(message.id) }),
      ).toEqual(refusedCommand('messageId'));
      expect((await provider.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body.unread).toBe(1);
    });

    it('answers the same commands in lower case, and refuses another clinic', async () => {
      expect(await providerSocket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      expect(await nurseSocket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      expect(await nurseSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
      await providerSocket.waitFor('typing', (t) => t.threadId === thread.id && t.isTyping);
      expect(await nurseSocket.command('typing:stop', { threadId: thread.id })).toEqual({ ok: true });
      expect(await providerSocket.command('message:mark-read', { threadId: thread.id, messageId: message.id })).toEqual(
        expect.objectContaining({ ok: true }),
      );
      expect((await provider.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body.unread).toBe(0);
      expect(await otherSocket.command('thread:join', { threadId: thread.id })).toMatchObject({ ok: false });
      expect(
        await otherSocket.command('message:mark-read', { threadId: thread.id, messageId: message.id }),
      ).toMatchObject({ ok: false });
    });

    it('refuses cursor and before together on the message list, saying to send one of them', async () => {
      await nurse.rest.post(`/api/threads/${thread.id}/messages`, { body: 'Second' });
      const first = await fetch(`${server.url}/api/threads/${thread.id}/messages?limit=1`, {
        headers: { authorization: `Bearer ${nurse.token}` },
      });
      const cursor = encodeURIComponent(first.headers.get('x-next-cursor') ?? '');
      expect(cursor).not.toBe('');
      const both = await nurse.rest.get<ErrorBody>(
        `/api/threads/${thread.id}/messages?limit=1&cursor=${cursor}&before=${message.id}`,
      );
      expect(both.status).toBe(400);
      expect(both.body.fields?.['before']).toEqual([expect.stringMatching(/either cursor .* or before .*, not both/)]);
      for (const one of [`cursor=${cursor}`, `before=${message.id}`]) {
        expect((await nurse.rest.get(`/api/threads/${thread.id}/messages?limit=1&${one}`)).status).toBe(200);
      }
      expect((await otherAdmin.rest.get(`/api/threads/${thread.id}/messages?limit=1&cursor=${cursor}`)).status).toBe(
        404,
      );
    });
  });

  describe('patients, presence and chart viewing', () => {
    it('refuses them over REST', async () => {
      expectRefusedRest(await nurse.rest.get<ErrorBody>(`/api/patients/${upper(patient.id)}`), 'id');
      expectRefusedRest(await nurse.rest.get<ErrorBody>(`/api/patients/${upper(patient.id)}/viewers`), 'id');
      expectRefusedRest(
        await admin.rest.get<ErrorBody>(`/api/audit/patient-views?patientId=${upper(patient.id)}`),
        'patientId',
      );
      expectRefusedRest(
        await admin.rest.get<ErrorBody>(`/api/audit/patient-views?userId=${upper(nurse.userId)}`),
        'userId',
      );
    });

    it('refuses them in view-start and view-stop, and records no view', async () => {
      const patientId = upper(patient.id);
      expect(await nurseSocket.command('patient:view-start', { patientId })).toEqual(refusedCommand('patientId'));
      expect(await nurseSocket.command('patient:view-stop', { patientId })).toEqual(refusedCommand('patientId'));
      expect((await nurse.rest.get(`/api/patients/${patient.id}/viewers`)).body).toEqual({
        patientId: patient.id,
        viewers: [],
      });
      expect(
        (await admin.rest.get<unknown[]>(`/api/audit/patient-views?patientId=${patient.id}&userId=${nurse.userId}`))
          .body,
      ).toEqual([]);
    });

    it('answers the same ids in lower case, and another clinic still finds nothing', async () => {
      expect((await nurse.rest.get(`/api/patients/${patient.id}`)).body).toMatchObject({ id: patient.id });
      expect(await nurseSocket.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: true });
      expect((await nurse.rest.get(`/api/patients/${patient.id}/viewers`)).body).toMatchObject({
        viewers: [expect.objectContaining({ userId: nurse.userId })],
      });
      expect(await nurseSocket.command('patient:view-stop', { patientId: patient.id })).toMatchObject({ ok: true });
      expect(
        (await admin.rest.get<unknown[]>(`/api/audit/patient-views?patientId=${patient.id}&userId=${nurse.userId}`))
          .body,
      ).toHaveLength(1);
      expect((await otherAdmin.rest.get(`/api/patients/${patient.id}`)).status).toBe(404);
      expect(await otherSocket.command('patient:view-start', { patientId: patient.id })).toMatchObject({ ok: false });
      expect((await otherAdmin.rest.get(`/api/audit/patient-views?patientId=${patient.id}`)).status).toBe(404);
    });
  });

  describe('appointments', () => {
    it('refuses them in a booking, on an appointment and in a patient’s visits, booking and changing nothing', async () => {
      const schedule = await ClinicSchedule.of(admin);
      const booked = await schedule.book(schedule.slotOn(FUTURE_DAY));
      const id = upper(booked.id);

      expectRefusedRest(
        await schedule.request(schedule.slotOn(FUTURE_DAY), { patientId: upper(booked.patientId) }),
        'patientId',
      );
      expectRefusedRest(
        await schedule.request(schedule.slotOn(FUTURE_DAY), { providerId: upper(booked.providerId) }),
        'providerId',
      );
      expectRefusedRest(await admin.rest.get<ErrorBody>(`/api/appointments/${id}`), 'id');
      expectRefusedRest(await admin.rest.patch<ErrorBody>(`/api/appointments/${id}`, { type: 'skin-check' }), 'id');
      expectRefusedRest(await admin.rest.post<ErrorBody>(`/api/appointments/${id}/cancel`, {}), 'id');
      expectRefusedRest(await admin.rest.post<ErrorBody>(`/api/appointments/${id}/check-in`), 'id');
      expectRefusedRest(await admin.rest.post<ErrorBody>(`/api/appointments/${id}/no-show`), 'id');
      expectRefusedRest(
        await admin.rest.get<ErrorBody>(`/api/patients/${upper(booked.patientId)}/appointments`),
        'patientId',
      );

      // The refused bookings booked nothing: the far day holds the one booking, unchanged.
      const visits = await admin.rest.get<AppointmentSummary[]>(`/api/patients/${booked.patientId}/appointments`);
      expect(visits.body.filter((visit) => visit.startsAt.startsWith(FUTURE_DAY.slice(0, 4)))).toEqual([
        expect.objectContaining({ id: booked.id, status: 'scheduled', version: booked.version }),
      ]);
      expect((await admin.rest.get(`/api/appointments/${booked.id}`)).body).toMatchObject({ id: booked.id });
      expect((await otherAdmin.rest.get(`/api/appointments/${booked.id}`)).status).toBe(404);
    });
  });

  describe('staff', () => {
    it('refuses them in PATCH /api/staff/:id, and answers the same id in lower case', async () => {
      expectRefusedRest(await admin.rest.patch<ErrorBody>(`/api/staff/${upper(nurse.userId)}`, { active: true }), 'id');
      expect((await admin.rest.patch(`/api/staff/${nurse.userId}`, { active: true })).body).toMatchObject({
        id: nurse.userId,
        active: true,
      });
      expect((await otherAdmin.rest.patch(`/api/staff/${nurse.userId}`, { active: true })).status).toBe(404);
    });
  });
});
