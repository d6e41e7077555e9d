import { randomUUID } from 'node:crypto';
import { AppointmentChangedError, appointmentETag, AppointmentSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { APPOINTMENT_EVENTS, ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';
import { conditionalRequest } from './support/conditional-request';

/**
 * Optimistic concurrency over REST: an appointment's version is its `ETag`, and a move or
 * cancellation sent with `If-Match` naming an older one is refused (412), changing nothing and
 * announcing nothing. Without `If-Match` a write goes through as it always has.
 */
describe('appointments: If-Match against the version a person saw', () => {
  let server: ApiServer;
  let frontDesk: StaffSession;
  let nurse: StaffSession;
  let otherClinic: StaffSession;
  let sockets: RealtimeTestClient[];
  let otherSocket: RealtimeTestClient;
  let riverside: ClinicSchedule;
  let lakeside: ClinicSchedule;

  beforeAll(async () => {
    server = await startApiServer({ env: { REST_WRITE_POINTS: '1000' } });
    [frontDesk, nurse, otherClinic] = await Promise.all(
      ['frontdesk@riverside.test', 'nurse@riverside.test', 'frontdesk@lakeside.test'].map((email) =>
        StaffSession.signIn(server.url, email),
      ),
    );
    sockets = await Promise.all([frontDesk.connect(), nurse.connect()]);
    otherSocket = await otherClinic.connect();
    [riverside, lakeside] = await Promise.all([ClinicSchedule.of(frontDesk), ClinicSchedule.of(otherClinic)]);
  });
  afterAll(async () => {
    [frontDesk, nurse, otherClinic].forEach((s) => s?.close());
    await server?.dispose();
  });

  const path = (id: string) => `/api/appointments/${id}`;
  const move = (id: string, ifMatch?: string, as = frontDesk, key?: string) =>
    conditionalRequest<AppointmentSummary>(as, 'PATCH', path(id), { body: riverside.slotOn(FUTURE_DAY), ifMatch, key });
  const cancel = (id: string, ifMatch?: string, as = frontDesk) =>
    conditionalRequest<AppointmentSummary>(as, 'POST', `${path(id)}/cancel`, { body: { reason: 'Ill' }, ifMatch });
  const current = async (id: string) => (await conditionalRequest<AppointmentSummary>(nurse, 'GET', path(id))).body;

  /** No socket of either clinic heard anything of `id` beyond the events counted before. */
  async function expectNoSocketHeardMoreOf(id: string, before: number[]): Promise<void> {
    await Promise.all(sockets.map((socket) => riverside.barrier(socket)));
    await lakeside.barrier(otherSocket);
    expect(sockets.map((socket) => eventsAbout(socket, id))).toEqual(before);
    expect(eventsAbout(otherSocket, id)).toBe(0);
  }
  const eventsAbout = (socket: RealtimeTestClient, id: string) =>
    APPOINTMENT_EVENTS.flatMap((event) => socket.received(event)).filter((e) => JSON.stringify(e).includes(id)).length;
  const heardSoFar = async (id: string) => {
    await Promise.all(sockets.map((socket) => riverside.barrier(socket)));
    return sockets.map((socket) => eventsAbout(socket, id));
  };

  it('sends the version as the ETag of a read and of every write, and in the contract', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    expect(booked.version).toBe(1);
    const read = await conditionalRequest<AppointmentSummary>(nurse, 'GET', path(booked.id));
    expect(read).toMatchObject({ status: 200, etag: appointmentETag(1), body: { id: booked.id, version: 1 } });

    const moved = await move(booked.id, read.etag ?? undefined);
    expect(moved).toMatchObject({ status: 200, etag: appointmentETag(2), body: { version: 2 } });
    const heard = await sockets[1].waitFor('appointment:updated', (e) => e.data.appointment.id === booked.id);
    expect(heard.data.appointment.version).toBe(2);

    const cancelled = await cancel(booked.id, appointmentETag(2));
    expect(cancelled).toMatchObject({ status: 200, etag: appointmentETag(3), body: { version: 3 } });
    const cancelHeard = await sockets[1].waitFor('appointment:cancelled', (e) => e.data.appointmentId === booked.id);
    expect(cancelHeard.data.version).toBe(3);
  });

  it('refuses a move naming an older version (412) with the appointment as it is now, changing and announcing nothing', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const first = await move(booked.id, appointmentETag(1));
    expect(first.status).toBe(200);
    const before = await heardSoFar(booked.id);

    const stale = await conditionalRequest<AppointmentChangedError>(nurse, 'PATCH', path(booked.id), {
      body: riverside.slotOn(FUTURE_DAY),
      ifMatch: appointmentETag(1),
    });
    expect(stale.status).toBe(412);
    expect(stale.body.message).toMatch(/changed meanwhile/);
    expect(stale.body.appointment).toEqual(first.body);
    expect(await current(booked.id)).toEqual(first.body);
    await expectNoSocketHeardMoreOf(booked.id, before);
  });

  it('refuses a cancellation naming an older version (412), and the appointment stays scheduled', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const moved = await move(booked.id);
    const before = await heardSoFar(booked.id);

    const stale = await cancel(booked.id, appointmentETag(booked.version), nurse);
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ message: expect.stringMatching(/changed meanwhile/) });
    expect(await current(booked.id)).toEqual(moved.body);
    await expectNoSocketHeardMoreOf(booked.id, before);
  });

  it('writes without If-Match as before, and takes `*` or a list that names the current version', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    expect((await move(booked.id)).status).toBe(200);
    expect((await move(booked.id, '*')).status).toBe(200);
    expect((await move(booked.id, `${appointmentETag(1)}, ${appointmentETag(3)}`)).status).toBe(200);
    expect(await current(booked.id)).toMatchObject({ version: 4 });
  });

  it('refuses an If-Match that is no entity tag at all (400), changing nothing', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    for (const ifMatch of ['1', '"1', 'w/"1"', 'W/1', '"1" "2"', '*, "1"', '', ' , ']) {
      const refused = await move(booked.id, ifMatch);
      expect({ ifMatch, status: refused.status }).toEqual({ ifMatch, status: 400 });
      expect(refused.body).toMatchObject({ message: expect.stringContaining('If-Match') });
    }
    expect(await current(booked.id)).toEqual(booked);
  });

  it('never matches a weak tag, even of the current version: 412 with the appointment as it is now, changing and announcing nothing', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const before = await heardSoFar(booked.id);
    const weak = `W/${appointmentETag(booked.version)}`;
    const answers = [
      await conditionalRequest<AppointmentChangedError>(nurse, 'PATCH', path(booked.id), {
        body: riverside.slotOn(FUTURE_DAY),
        ifMatch: weak,
      }),
      await conditionalRequest<AppointmentChangedError>(nurse, 'POST', `${path(booked.id)}/cancel`, {
        body: { reason: 'Ill' },
        ifMatch: weak,
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(412);
      expect(answer.body.message).toMatch(/changed meanwhile/);
      expect(answer.body.appointment).toEqual(booked);
    }
    expect(await current(booked.id)).toEqual(booked);
    await expectNoSocketHeardMoreOf(booked.id, before);
  });

  it('answers tags that are not our versions as not matching (412), and a list matches on its strong tag', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    for (const ifMatch of ['W/"x"', '"one"', '"1,2"', '"1234567890"', '""']) {
      const refused = await move(booked.id, ifMatch);
      expect({ ifMatch, status: refused.status }).toEqual({ ifMatch, status: 412 });
    }
    expect(await current(booked.id)).toEqual(booked);
    const moved = await move(booked.id, `W/${appointmentETag(1)}, , ${appointmentETag(1)}`);
    expect(moved).toMatchObject({ status: 200, etag: appointmentETag(2) });
  });

  it("answers another clinic's appointment named with a weak tag as not found (404), and a signed-out caller 401", async () => {
    const theirs = await lakeside.book(lakeside.slotOn(FUTURE_DAY));
    const weak = `W/${appointmentETag(theirs.version)}`;
    const answers = await Promise.all([move(theirs.id, weak), cancel(theirs.id, weak)]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404]);
    expect(answers.filter((answer) => [weak, appointmentETag(theirs.version)].includes(answer.etag ?? ''))).toEqual([]);
    for (const answer of answers) expect(answer.body).not.toHaveProperty('appointment');

    const ours = await riverside.book(riverside.slotOn(FUTURE_DAY));
    for (const target of [ours.id, theirs.id]) {
      const signedOut = await fetch(`${frontDesk.rest.baseUrl}${path(target)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': `W/${appointmentETag(1)}` },
        body: JSON.stringify(riverside.slotOn(FUTURE_DAY)),
      });
      expect({ target, status: signedOut.status }).toEqual({ target, status: 401 });
      expect(await signedOut.json()).not.toHaveProperty('appointment');
    }
    expect(await current(ours.id)).toEqual(ours);
    expect((await conditionalRequest<AppointmentSummary>(otherClinic, 'GET', path(theirs.id))).body).toEqual(theirs);
  });

  it("answers another clinic's appointment as not found (404), with or without If-Match", async () => {
    const theirs = await lakeside.book(lakeside.slotOn(FUTURE_DAY));
    const etag = appointmentETag(theirs.version);
    const answers = await Promise.all([
      conditionalRequest(frontDesk, 'GET', path(theirs.id)),
      move(theirs.id, etag),
      move(theirs.id),
      cancel(theirs.id, etag),
      cancel(theirs.id, appointmentETag(99)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    expect(answers.filter((answer) => answer.etag === etag)).toEqual([]);
    expect((await conditionalRequest<AppointmentSummary>(otherClinic, 'GET', path(theirs.id))).body).toEqual(theirs);
  });

  it('lets exactly one of two moves sent at once with the same If-Match through; the other is 412', async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const etag = appointmentETag(booked.version);
    const answers = await Promise.all([move(booked.id, etag), move(booked.id, etag, nurse)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    const winner = answers.find((answer) => answer.status === 200);
    expect(await current(booked.id)).toEqual(winner?.body);
    await Promise.all(sockets.map((socket) => riverside.barrier(socket)));
    for (const socket of sockets) {
      expect(socket.received('appointment:updated').filter((e) => e.data.appointment.id === booked.id)).toHaveLength(1);
    }
  });

  it("answers a retry with its key the first answer, not a 412 for the first attempt's own change", async () => {
    const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
    const key = randomUUID();
    const times = riverside.slotOn(FUTURE_DAY);
    const send = () =>
      conditionalRequest<AppointmentSummary>(frontDesk, 'PATCH', path(booked.id), {
        body: times,
        ifMatch: appointmentETag(1),
        key,
      });
    const first = await send();
    const retry = await send();
    expect(first).toMatchObject({ status: 200, etag: appointmentETag(2) });
    expect(retry).toEqual(first);
    await Promise.all(sockets.map((socket) => riverside.barrier(socket)));
    expect(sockets[1].received('appointment:updated').filter((e) => e.data.appointment.id === booked.id)).toHaveLength(
      1,
    );
  });
});
