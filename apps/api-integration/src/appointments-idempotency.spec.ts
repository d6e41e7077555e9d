import { randomUUID } from 'node:crypto';
import {
  AppointmentConflictError,
  AppointmentSummary,
  CreateAppointmentRequest,
  DomainEventName,
  IDEMPOTENCY_KEY_HEADER,
} from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startAnswerDroppingProxy } from './support/answer-dropping-proxy';
import { ClinicSchedule, FUTURE_DAY, Times } from './support/clinic-schedule';
import { keyedRequest } from './support/keyed-request';

interface Refusal {
  code?: string;
  message: string;
}

describe('exactly once: idempotency keys on bookings', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;

  beforeAll(async () => {
    // Far more writes a minute than a person makes: the write budget has its own spec (budgets.spec.ts).
    server = await startApiServer({ env: { REST_WRITE_POINTS: '1000' } });
    [frontDesk, nurse, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    nurseSocket = await nurse.connect();
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
  });
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const booking = (times: Times, more: Partial<CreateAppointmentRequest> = {}): CreateAppointmentRequest => ({
    patientId: riverside.patients[0].id,
    providerId: riverside.provider.id,
    type: 'skin-check',
    ...times,
    ...more,
  });
  const book = (request: CreateAppointmentRequest, key: string, as = frontDesk, baseUrl?: string) =>
    keyedRequest<AppointmentSummary>(as, 'POST', '/api/appointments', request, key, baseUrl);
  const act = (id: string, action: string, key: string, body: unknown = {}, as = frontDesk) =>
    keyedRequest<AppointmentSummary>(as, 'POST', `/api/appointments/${id}/${action}`, body, key);
  const stored = async (times: Times, day = FUTURE_DAY) =>
    (await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body.filter(
      (a) => a.startsAt === times.startsAt,
    );
  /** How many `event`s the nurse heard about `id`, once a later booking's announcement came (so any duplicate came too). */
  const announced = async (event: DomainEventName, id: string) => {
    await riverside.barrier(nurseSocket);
    return nurseSocket.received(event).filter((e) => {
      const data = e.data as { appointment?: { id: string }; appointmentId?: string };
      return (data.appointment?.id ?? data.appointmentId) === id;
    }).length;
  };

  it('books once for one key: one row, one appointment:created, and the retry gets the first answer rather than a 409 with itself', async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    const key = randomUUID();
    const first = await book(booking(slot), key);
    const retry = await book(booking(slot), key);

    expect(first).toEqual({
      status: 201,
      body: expect.objectContaining({ startsAt: slot.startsAt, status: 'scheduled' }),
    });
    expect(retry).toEqual(first);
    expect(await stored(slot)).toEqual([first.body]);
    expect(await announced('appointment:created', first.body.id)).toBe(1);
    // Without the key, the same booking is a new request and overlaps the first.
    const unkeyed = await riverside.request(slot);
    expect(unkeyed.status).toBe(409);
    expect((unkeyed.body as unknown as AppointmentConflictError).conflict.appointmentId).toBe(first.body.id);
  });

  it('books once when the same key arrives several times at once (a double click), round after round', async () => {
    for (let round = 0; round < 3; round++) {
      const slot = riverside.slotOn(FUTURE_DAY);
      const key = randomUUID();
      const answers = await Promise.all([1, 2, 3].map(() => book(booking(slot), key)));

      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
      expect(await stored(slot)).toHaveLength(1);
      expect(await announced('appointment:created', answers[0].body.id)).toBe(1);
    }
  });

  it('keeps one booking when the answer is lost after the commit and the client retries', async () => {
    const proxy = await startAnswerDroppingProxy(server.port);
    try {
      const slot = riverside.slotOn(FUTURE_DAY);
      const key = randomUUID();
      proxy.dropAnswers(true);
      const lost = book(booking(slot), key, frontDesk, proxy.url);
      // The nurse hears of the booking only after the commit: it is stored, its answer held.
      const delivered = await nurseSocket.waitFor(
        'appointment:created',
        (e) => e.data.appointment.startsAt === slot.startsAt,
      );
      proxy.cut();
      await expect(lost).rejects.toThrow();

      const retry = await book(booking(slot), key);
      expect(retry).toEqual({ status: 201, body: delivered.data.appointment });
      expect(await stored(slot)).toHaveLength(1);
      expect(await announced('appointment:created', retry.body.id)).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("scopes keys to the user and the clinic: someone else's key never gets the first answer", async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    const key = randomUUID();
    const first = await book(booking(slot), key);
    expect(first.status).toBe(201);

    // The nurse's request under the same key is hers: the slot is taken, by the first booking.
    const nurses = await book(booking(slot), key, nurse);
    expect(nurses.status).toBe(409);
    expect((nurses.body as unknown as AppointmentConflictError).conflict.appointmentId).toBe(first.body.id);

    // Another clinic: Riverside's patient is not theirs (404), their own booking is a new one.
    const foreign = await book(booking(slot), key, otherClinic);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain(first.body.id);
    const theirs = await book(
      booking(slot, { patientId: lakeside.patients[0].id, providerId: lakeside.provider.id }),
      key,
      otherClinic,
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expect(theirs.body.patientId).toBe(lakeside.patients[0].id);

    expect(await stored(slot)).toEqual([first.body]);
    expect(await announced('appointment:created', theirs.body.id)).toBe(0);
  });

  it('refuses a key reused for a different booking with 422 IDEMPOTENCY_KEY_REUSED, and stores nothing', async () => {
    const [slot, other] = [riverside.slotOn(FUTURE_DAY), riverside.slotOn(FUTURE_DAY)];
    const key = randomUUID();
    expect((await book(booking(slot), key)).status).toBe(201);

    const reused = await keyedRequest<Refusal>(frontDesk, 'POST', '/api/appointments', booking(other), key);
    expect(reused).toEqual({
      status: 422,
      body: expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('different') }),
    });
    expect(await stored(other)).toEqual([]);
  });

  it('takes a confirmed retry under the key of a booking refused for its past start (the refusal keeps nothing)', async () => {
    const past = riverside.slotOn(riverside.yesterday());
    const key = randomUUID();
    const refused = await book(booking(past), key);
    expect(refused.status).toBe(422);
    expect((refused.body as unknown as Refusal).message).toContain('confirmPast');

    const confirmed = await book(booking(past, { confirmPast: true }), key);
    expect(confirmed.status).toBe(201);
    expect(await book(booking(past, { confirmPast: true }), key)).toEqual(confirmed);
    expect(await stored(past, riverside.yesterday())).toHaveLength(1);
  });

  it('moves once per key, even sent twice at once: one appointment:updated, equal answers', async () => {
    const appointment = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const to = riverside.slotOn(FUTURE_DAY);
    const key = randomUUID();
    const move = () =>
      keyedRequest<AppointmentSummary>(frontDesk, 'PATCH', `/api/appointments/${appointment.id}`, to, key);
    const answers = await Promise.all([move(), move()]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0].body.startsAt).toBe(to.startsAt);
    expect(await move()).toEqual(answers[0]);
    expect(await announced('appointment:updated', appointment.id)).toBe(1);
  });

  it('cancels once per key: the retry answers the cancellation, not 409, and a key-less repeat is refused', async () => {
    const appointment = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const key = randomUUID();
    const answers = await Promise.all([1, 2].map(() => act(appointment.id, 'cancel', key, { reason: 'Ill' })));
    const retry = await act(appointment.id, 'cancel', key, { reason: 'Ill' });

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[0].body).toMatchObject({ id: appointment.id, status: 'cancelled', cancelReason: 'Ill' });
    expect(answers[1]).toEqual(answers[0]);
    expect(retry).toEqual(answers[0]);
    expect((await act(appointment.id, 'cancel', key, { reason: 'Moved away' })).status).toBe(422);
    expect((await frontDesk.rest.post(`/api/appointments/${appointment.id}/cancel`, {})).status).toBe(409);
    // Another person's cancellation under the same key is theirs: the appointment is already cancelled.
    expect((await act(appointment.id, 'cancel', key, { reason: 'Ill' }, nurse)).status).toBe(409);
    expect((await act(appointment.id, 'cancel', key, { reason: 'Ill' }, otherClinic)).status).toBe(404);
    expect(await announced('appointment:cancelled', appointment.id)).toBe(1);
  });

  it('checks in, completes and marks a no-show once per key, each announced once', async () => {
    const today = await riverside.bookToday();
    const missed = await riverside.book(riverside.slotOn(riverside.yesterday()), { confirmPast: true });
    const steps: Array<[string, string, StaffSession, DomainEventName, string]> = [
      [today.id, 'check-in', frontDesk, 'appointment:checked-in', 'checked-in'],
      [today.id, 'complete', nurse, 'appointment:completed', 'completed'],
      [missed.id, 'no-show', frontDesk, 'appointment:no-show', 'no-show'],
    ];
    for (const [id, action, as, event, status] of steps) {
      const key = randomUUID();
      const answers = await Promise.all([1, 2].map(() => act(id, action, key, {}, as)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers[0].body).toMatchObject({ id, status });
      expect(answers[1]).toEqual(answers[0]);
      expect(await act(id, action, key, {}, as)).toEqual(answers[0]);
      // Another clinic's front desk: not found, or not allowed to complete at all; never the answer.
      const foreign = await act(id, action, key, {}, otherClinic);
      expect(foreign.status).toBe(action === 'complete' ? 403 : 404);
      expect(JSON.stringify(foreign.body)).not.toContain(answers[0].body.patientId);
      expect(await announced(event, id)).toBe(1);
    }
  });

  // Two check-ins exclude each other in either order. (A cancellation and a check-in do only when
  // they overlap: a checked-in appointment may still be cancelled, so one after the other both stand.)
  it('lets one of two people acting on an appointment at once win: the other is told 409, one event', async () => {
    for (let round = 0; round < 3; round++) {
      const appointment = await riverside.bookToday();
      const [desk, nurses] = await Promise.all([
        act(appointment.id, 'check-in', randomUUID(), {}, frontDesk),
        act(appointment.id, 'check-in', randomUUID(), {}, nurse),
      ]);
      expect([desk.status, nurses.status].sort()).toEqual([200, 409]);
      const stored = (await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riverside.today()}`)).body;
      expect(stored.find((a) => a.id === appointment.id)?.status).toBe('checked-in');
      expect(await announced('appointment:checked-in', appointment.id)).toBe(1);
    }
  });

  it('cancels a checked-in appointment only after the check-in, and announces both', async () => {
    const appointment = await riverside.bookToday();
    expect((await act(appointment.id, 'check-in', randomUUID(), {}, nurse)).status).toBe(200);
    const cancelled = await act(appointment.id, 'cancel', randomUUID(), {}, frontDesk);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await act(appointment.id, 'check-in', randomUUID(), {}, nurse)).status).toBe(409);
    expect(
      (await announced('appointment:checked-in', appointment.id)) +
        (await announced('appointment:cancelled', appointment.id)),
    ).toBe(2);
  });

  it('refuses a malformed key with 400, before anything is written', async () => {
    const slot = riverside.slotOn(FUTURE_DAY);
    for (const key of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+']) {
      const answer = await keyedRequest<Refusal>(frontDesk, 'POST', '/api/appointments', booking(slot), key);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(IDEMPOTENCY_KEY_HEADER);
    }
    expect(await stored(slot)).toEqual([]);
  });

  it('lists the header in the OpenAPI document of every booking write', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const writes: Array<[string, string]> = [
      ['/api/appointments', 'post'],
      ['/api/appointments/{id}', 'patch'],
      ...['cancel', 'check-in', 'complete', 'no-show'].map((action): [string, string] => [
        `/api/appointments/{id}/${action}`,
        'post',
      ]),
    ];
    for (const [path, method] of writes) {
      expect(document.paths[path]?.[method]?.parameters).toContainEqual(
        expect.objectContaining({ name: IDEMPOTENCY_KEY_HEADER, in: 'header' }),
      );
    }
  });
});
