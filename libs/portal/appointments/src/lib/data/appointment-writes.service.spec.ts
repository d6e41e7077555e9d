import { TestBed } from '@angular/core/testing';
import { answerLost, keyOf, serverAnsweredByTest } from '@derm/portal/core/testing';
import { LOST_ANSWER_RETRY_DELAYS_MS } from '@derm/portal/core';
import { AppointmentSummary, CreateAppointmentRequest, IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';
import { AppointmentWrites } from './appointment-writes.service';

const booking: CreateAppointmentRequest = {
  patientId: 'p1',
  providerId: 'd1',
  type: 'skin-check',
  startsAt: '2031-06-02T19:00:00.000Z',
  endsAt: '2031-06-02T19:30:00.000Z',
};
const stored = { id: 'a1', status: 'scheduled', version: 1, ...booking } as AppointmentSummary;

describe('AppointmentWrites', () => {
  let writes: AppointmentWrites;
  const server = serverAnsweredByTest();

  beforeEach(() => {
    writes = TestBed.inject(AppointmentWrites);
  });

  const bookingRequest = () => server.http.expectOne({ method: 'POST', url: '/api/appointments' });

  it('books again with the same key after a lost answer, and answers the booking the server kept', () => {
    const answers: AppointmentSummary[] = [];
    writes.create(booking).subscribe((appointment) => answers.push(appointment));
    const first = bookingRequest();
    expect(first.request.body).toEqual(booking);
    expect(keyOf(first)).toMatch(IDEMPOTENCY_KEY_PATTERN);
    answerLost(first);

    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    const retry = bookingRequest();
    expect(keyOf(retry)).toBe(keyOf(first));
    retry.flush(stored);
    expect(answers).toEqual([stored]);
  });

  it('keeps the key when the person books the same again after giving up, and makes a new one once booked', () => {
    const failures: unknown[] = [];
    writes.create(booking).subscribe({ error: (error) => failures.push(error) });
    const first = bookingRequest();
    answerLost(first);
    for (const delay of LOST_ANSWER_RETRY_DELAYS_MS) {
      jest.advanceTimersByTime(delay);
      const retry = bookingRequest();
      expect(keyOf(retry)).toBe(keyOf(first));
      answerLost(retry);
    }
    expect(failures).toHaveLength(1);

    writes.create({ ...booking }).subscribe();
    const byHand = bookingRequest();
    expect(keyOf(byHand)).toBe(keyOf(first));
    byHand.flush(stored);

    writes.create(booking).subscribe();
    const next = bookingRequest();
    expect(keyOf(next)).not.toBe(keyOf(first));
    next.flush(stored);
  });

  it('takes a refusal as final, and gives another request or another appointment its own key', () => {
    const failures: unknown[] = [];
    writes.create(booking).subscribe({ error: (error) => failures.push(error) });
    const refused = bookingRequest();
    refused.flush({ message: 'taken' }, { status: 409, statusText: 'Conflict' });
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    server.http.expectNone('/api/appointments');
    expect(failures).toHaveLength(1);

    writes.create({ ...booking, confirmPast: true }).subscribe();
    const confirmed = bookingRequest();
    expect(keyOf(confirmed)).not.toBe(keyOf(refused));
    confirmed.flush(stored);

    writes.changeStatus('a1', 'check-in').subscribe();
    writes.changeStatus('a2', 'check-in').subscribe();
    const [a1, a2] = [
      server.http.expectOne('/api/appointments/a1/check-in'),
      server.http.expectOne('/api/appointments/a2/check-in'),
    ];
    expect(a1.request.body).toEqual({});
    expect(keyOf(a1)).not.toBe(keyOf(a2));
    a1.flush({ ...stored, status: 'checked-in' });
    a2.flush({ ...stored, id: 'a2', status: 'checked-in' });
  });

  it('sends a move again after a lost answer with the same key and If-Match, and takes the answer the server kept', () => {
    const move = { startsAt: '2031-06-02T20:00:00.000Z', endsAt: '2031-06-02T20:30:00.000Z' };
    const answers: AppointmentSummary[] = [];
    writes.update('a1', 1, move).subscribe((appointment) => answers.push(appointment));
    const first = server.http.expectOne({ method: 'PATCH', url: '/api/appointments/a1' });
    expect(first.request.headers.get('If-Match')).toBe('"1"');
    answerLost(first);

    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    const retry = server.http.expectOne({ method: 'PATCH', url: '/api/appointments/a1' });
    // The first attempt made version 2; the API answers its key with that result, not a 412.
    expect(retry.request.headers.get('If-Match')).toBe('"1"');
    expect(keyOf(retry)).toBe(keyOf(first));
    retry.flush({ ...stored, ...move, version: 2 });
    expect(answers).toEqual([{ ...stored, ...move, version: 2 }]);
  });

  it('takes a 412 as final, and gives the decision on the newer version its own key', () => {
    const failures: unknown[] = [];
    writes.cancel('a1', 1, {}).subscribe({ error: (error) => failures.push(error) });
    const refused = server.http.expectOne({ method: 'POST', url: '/api/appointments/a1/cancel' });
    expect(refused.request.headers.get('If-Match')).toBe('"1"');
    refused.flush(
      { statusCode: 412, message: 'changed meanwhile', appointment: { ...stored, version: 2 } },
      { status: 412, statusText: 'Precondition Failed' },
    );
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS[0]);
    server.http.expectNone('/api/appointments/a1/cancel');
    expect(failures).toHaveLength(1);

    writes.cancel('a1', 2, {}).subscribe();
    const again = server.http.expectOne('/api/appointments/a1/cancel');
    expect(again.request.headers.get('If-Match')).toBe('"2"');
    expect(keyOf(again)).not.toBe(keyOf(refused));
    again.flush({ ...stored, status: 'cancelled', version: 3 });
  });
});
