import { Injector, runInInjectionContext, type Signal, signal, type WritableSignal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AppointmentSummary } from '@derm/shared/contracts';
import { startedAppointments } from './started-appointments';

const NOW = new Date('2026-12-05T14:00:00.000Z');
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

function appointment(id: string, startsInMs: number): AppointmentSummary {
  const startsAt = new Date(NOW.getTime() + startsInMs);
  return {
    id,
    patientId: 'patient',
    patientName: 'Jordan Blake',
    providerId: 'provider',
    providerName: 'Dr. Ana Ortiz',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 30 * MINUTE_MS).toISOString(),
    status: 'scheduled',
    type: 'follow-up',
    version: 1,
  };
}

describe('startedAppointments', () => {
  let visibility: DocumentVisibilityState;
  let list: WritableSignal<AppointmentSummary[]>;
  let started: Signal<ReadonlySet<string>>;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    list = signal([]);
    started = runInInjectionContext(TestBed.inject(Injector), () => startedAppointments(list));
  });
  afterEach(() => jest.useRealTimers());

  function advance(ms: number): void {
    jest.advanceTimersByTime(ms);
    TestBed.tick();
  }

  it('holds what has started, and each later start from its minute on, not before', () => {
    list.set([appointment('earlier', -MINUTE_MS), appointment('now', 0), appointment('later', 10 * MINUTE_MS)]);
    TestBed.tick();
    expect([...started()]).toEqual(['earlier', 'now']);

    advance(10 * MINUTE_MS - 1);
    expect(started().has('later')).toBe(false);
    advance(1);
    expect(started().has('later')).toBe(true);
  });

  it('follows an appointment booked or moved while the page is open', () => {
    TestBed.tick();
    list.set([appointment('booked', 5 * MINUTE_MS)]);
    TestBed.tick();
    expect(started().size).toBe(0);
    advance(5 * MINUTE_MS);
    expect(started().has('booked')).toBe(true);

    // Moved to later: not started any more until its new start.
    list.set([appointment('booked', 20 * MINUTE_MS)]);
    TestBed.tick();
    expect(started().has('booked')).toBe(false);
    advance(15 * MINUTE_MS);
    expect(started().has('booked')).toBe(true);
  });

  it('looks at the clock again when the tab comes back on screen, whatever its timers did', () => {
    list.set([appointment('later', 10 * MINUTE_MS)]);
    TestBed.tick();
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    // A sleeping device: the clock moves on, the timer has not run.
    jest.setSystemTime(NOW.getTime() + 11 * MINUTE_MS);
    TestBed.tick();
    expect(started().has('later')).toBe(false);

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    TestBed.tick();
    expect(started().has('later')).toBe(true);
  });

  it('waits for a start weeks ahead a day at a time, never past setTimeout’s range', () => {
    list.set([appointment('far', 40 * DAY_MS)]);
    TestBed.tick();
    advance(DAY_MS);
    expect(started().size).toBe(0);
    advance(39 * DAY_MS);
    expect(started().has('far')).toBe(true);
  });
});
