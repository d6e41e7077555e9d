import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { Subject } from 'rxjs';
import { PastConfirmation, PastStartWrite } from './past-start-write';

describe('PastStartWrite', () => {
  let write: PastStartWrite<string>;
  let answer: Subject<string>;
  let sent: PastConfirmation[];
  let done: string[];
  const request = (confirmation: PastConfirmation) => {
    sent.push(confirmation);
    return answer;
  };
  const refused = (status: number, body: object) => new HttpErrorResponse({ status, error: body });

  beforeEach(() => {
    write = new PastStartWrite<string>('book the appointment');
    answer = new Subject<string>();
    sent = [];
    done = [];
  });

  it('asks about a start that has gone by and sends one still to come', () => {
    expect(write.asksFirst(new Date(Date.now() + 60_000))).toBe(false);
    expect(write.confirmingPast()).toBe(false);
    expect(write.asksFirst(new Date(Date.now() - 60_000))).toBe(true);
    expect(write.confirmingPast()).toBe(true);
  });

  it('sends once while the write is on its way, with the confirmation only when given', () => {
    write.send(true, request, (result) => done.push(result));
    write.send(true, request, (result) => done.push(result));
    expect(sent).toEqual([{ confirmPast: true }]);
    expect(write.pending()).toBe(true);

    answer.next('a1');
    expect(done).toEqual(['a1']);
    expect(write.pending()).toBe(false);

    answer = new Subject<string>();
    write.send(false, request, (result) => done.push(result));
    expect(sent).toEqual([{ confirmPast: true }, {}]);
  });

  it("asks again when the server's clock says the start has passed", () => {
    write.send(false, request, (result) => done.push(result));
    answer.error(refused(422, { code: 'UNPROCESSABLE', message: 'The start has passed' }));
    expect(write.confirmingPast()).toBe(true);
    expect(write.error()).toBeNull();
    expect(write.pending()).toBe(false);
    expect(done).toEqual([]);
  });

  it('says why any other refusal failed, and clears it on the next send', () => {
    write.send(false, request, (result) => done.push(result));
    answer.error(refused(403, { message: 'Missing permission appointments:write' }));
    expect(write.error()).toBe('Could not book the appointment: your role may not.');
    expect(write.confirmingPast()).toBe(false);

    answer = new Subject<string>();
    write.send(false, request, (result) => done.push(result));
    answer.error(refused(422, { code: 'IDEMPOTENCY_KEY_REUSED', message: 'That key was used for another booking' }));
    expect(write.error()).toBe('Could not book the appointment: That key was used for another booking');
    expect(write.confirmingPast()).toBe(false);
  });

  it("words an overlap with the booking in the way on the clinic's clock, by whose schedule it is", () => {
    const overlap = (withWhom: 'provider' | 'patient') =>
      refused(409, {
        statusCode: 409,
        message: 'Dr. Ana Ortiz is already booked on 2026-12-07 16:00–16:30 with Marco Bellini (appointment a1)',
        conflict: {
          appointmentId: 'a1',
          with: withWhom,
          providerName: 'Dr. Ana Ortiz',
          patientName: 'Marco Bellini',
          startsAt: '2026-12-07T21:00:00.000Z',
          endsAt: '2026-12-07T21:30:00.000Z',
        },
      });
    write = new PastStartWrite<string>(
      'book the appointment',
      () => null,
      () => 'America/New_York',
    );
    write.send(false, request, (result) => done.push(result));
    answer.error(overlap('provider'));
    expect(write.error()).toBe(
      'Could not book the appointment: Dr. Ana Ortiz is already booked Dec 7, 16:00–16:30 with Marco Bellini.',
    );

    answer = new Subject<string>();
    write.send(false, request, (result) => done.push(result));
    answer.error(overlap('patient'));
    expect(write.error()).toBe(
      'Could not book the appointment: Marco Bellini is already booked Dec 7, 16:00–16:30 with Dr. Ana Ortiz.',
    );

    // Any other 409 says what the API said.
    answer = new Subject<string>();
    write.send(false, request, (result) => done.push(result));
    answer.error(refused(409, { statusCode: 409, message: 'Dr. Lee is no longer active' }));
    expect(write.error()).toBe('Could not book the appointment: Dr. Lee is no longer active');
  });

  it('drops the error when its context changes, and not before', () => {
    const day = signal('2026-12-08');
    write = new PastStartWrite<string>('book the appointment', day);
    write.send(false, request, (result) => done.push(result));
    answer.error(refused(403, { message: 'Missing permission appointments:write' }));
    expect(write.error()).toBe('Could not book the appointment: your role may not.');

    day.set('2026-12-08');
    expect(write.error()).toBe('Could not book the appointment: your role may not.');
    day.set('2026-12-09');
    expect(write.error()).toBeNull();
  });

  it('leaves another context alone when the answer comes after the change: it was about the one it was sent for', () => {
    const day = signal('2026-12-08');
    write = new PastStartWrite<string>('book the appointment', day);
    write.send(false, request, (result) => done.push(result));
    day.set('2026-12-09');
    answer.error(refused(409, { message: 'Overlaps 15:00–15:30 with Dr. Ana Ortiz' }));
    expect(write.error()).toBeNull();
    expect(write.pending()).toBe(false);

    // Nor is the question asked about a time of the day left: "anyway" would book it on this one.
    answer = new Subject<string>();
    write.send(false, request, (result) => done.push(result));
    day.set('2026-12-10');
    answer.error(refused(422, { code: 'UNPROCESSABLE', message: 'The start has passed' }));
    expect(write.confirmingPast()).toBe(false);
    expect(write.error()).toBeNull();
    expect(write.pending()).toBe(false);
  });

  it('drops the question about a start gone by when its context changes: "anyway" was about that day', () => {
    const day = signal('2026-12-08');
    write = new PastStartWrite<string>('book the appointment', day);
    expect(write.asksFirst(new Date(Date.now() - 60_000))).toBe(true);

    day.set('2026-12-08');
    expect(write.confirmingPast()).toBe(true);
    day.set('2026-12-09');
    expect(write.confirmingPast()).toBe(false);
  });
});
