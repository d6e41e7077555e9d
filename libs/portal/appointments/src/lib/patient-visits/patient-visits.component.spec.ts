import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ClinicClock, ConnectionService } from '@derm/portal/core';
import { addDays, AppointmentSummary, SessionReady } from '@derm/shared/contracts';
import { Observable, Subject } from 'rxjs';
import { appointment } from '../data/appointment.spec-helper';
import { AppointmentsApi } from '../data/appointments-api.service';
import { PatientVisitsComponent } from './patient-visits.component';

const TODAY = '2031-06-02';
const PATIENT = 'patient-a';

/** What the chart uses of `ConnectionService`, played by the test: its events, and a re-sync. */
class FakeConnection {
  readonly ready$ = new Subject<SessionReady>();
  readonly resync$ = new Subject<SessionReady>();
  readonly userChanged$ = new Subject<string | null>();
  readonly status = signal({ state: 'connected' as const });
  private readonly events = new Map<string, Subject<unknown>>();
  private sent = 0;

  on(event: string): Subject<unknown> {
    const stream = this.events.get(event) ?? new Subject<unknown>();
    this.events.set(event, stream);
    return stream;
  }

  /** An `appointment:*` event, in an envelope of its own. */
  serverSends(event: string, data: unknown): void {
    this.sent += 1;
    this.on(event).next({ id: `event-${this.sent}`, type: event, tenantId: 'riverside', occurredAt: '', data });
  }

  resync(): void {
    this.resync$.next({ userId: 'nurse', tenantId: 'riverside', role: 'nurse', recovered: false, serverTime: '' });
  }
}

/** Each load of a patient's visits, answered by the test when it chooses. */
class FakeApi {
  readonly loads: { patientId: string; answer: Subject<AppointmentSummary[]> }[] = [];

  visitsOf(patientId: string): Observable<AppointmentSummary[]> {
    const answer = new Subject<AppointmentSummary[]>();
    this.loads.push({ patientId, answer });
    return answer;
  }

  answer(index: number, list: AppointmentSummary[]): void {
    this.loads[index]!.answer.next(list);
    this.loads[index]!.answer.complete();
  }
}

describe('PatientVisitsComponent', () => {
  let fixture: ComponentFixture<PatientVisitsComponent>;
  let connection: FakeConnection;
  let api: FakeApi;

  const booked = appointment('v1', `${addDays(TODAY, 3)}T15:00:00.000Z`, { patientId: PATIENT });
  /** A colleague's move of the visit to yesterday (a correction): it leaves the chart's list. */
  const movedToYesterday = { ...booked, startsAt: `${addDays(TODAY, -1)}T15:00:00.000Z`, version: 2 };
  const otherVisit = appointment('v2', `${addDays(TODAY, 5)}T09:00:00.000Z`, { patientId: PATIENT });

  beforeEach(() => {
    connection = new FakeConnection();
    api = new FakeApi();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: ConnectionService, useValue: connection },
        { provide: AppointmentsApi, useValue: api },
        { provide: ClinicClock, useValue: { timeZone: signal('UTC'), today: signal(TODAY) } },
      ],
    });
    fixture = TestBed.createComponent(PatientVisitsComponent);
    fixture.componentRef.setInput('id', PATIENT);
    fixture.detectChanges();
  });

  /** The visits the chart shows, as `id@status`, in order. */
  function shown(): string[] {
    fixture.detectChanges();
    const rows = (fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('[data-testid="patient-visit"]');
    return Array.from(rows, (row) => `${row.dataset['appointmentId']}@${row.dataset['status']}`);
  }

  const updated = (visit: AppointmentSummary) => connection.serverSends('appointment:updated', { appointment: visit });
  const cancelled = (visit: AppointmentSummary, version: number) =>
    connection.serverSends('appointment:cancelled', { appointmentId: visit.id, version });

  it('loads the patient’s visits and keeps them current live', () => {
    expect(api.loads.map((load) => load.patientId)).toEqual([PATIENT]);
    api.answer(0, [otherVisit, booked]);
    expect(shown()).toEqual(['v1@scheduled', 'v2@scheduled']);

    cancelled(booked, 2);
    expect(shown()).toEqual(['v1@cancelled', 'v2@scheduled']);
  });

  it('keeps a visit that left the chart off it after a re-sync, when an older version of it comes late', () => {
    api.answer(0, [booked, otherVisit]);
    updated(movedToYesterday);
    expect(shown()).toEqual(['v2@scheduled']);

    // A re-sync loads the visits again: the moved visit is no longer listed.
    connection.resync();
    api.answer(1, [otherVisit]);
    expect(shown()).toEqual(['v2@scheduled']);

    // An event about the visit before the move (version 1), delivered only now.
    updated(booked);
    expect(shown()).toEqual(['v2@scheduled']);
  });

  it('keeps a visit that left the chart off it when a load that started before the move answers after a re-sync', () => {
    api.answer(0, [booked, otherVisit]);
    // A re-sync's load on its way, then the move heard, then the load answers as it was before.
    connection.resync();
    updated(movedToYesterday);
    api.answer(1, [booked, otherVisit]);
    expect(shown()).toEqual(['v2@scheduled']);

    // Another re-sync lists it no more; the booking's event (1) delivered late does not put it back.
    connection.resync();
    api.answer(2, [otherVisit]);
    updated(booked);
    expect(shown()).toEqual(['v2@scheduled']);
  });

  it('never shows as scheduled a visit whose cancellation was heard before its booking', () => {
    api.answer(0, [otherVisit]);
    cancelled(booked, 2);
    connection.serverSends('appointment:created', { appointment: booked });
    expect(shown()).not.toContain('v1@scheduled');
  });

  it('remembers the versions a load listed: an older one heard after it changes nothing', () => {
    const cancelledBefore = { ...booked, status: 'cancelled' as const, version: 3 };
    api.answer(0, [cancelledBefore, otherVisit]);
    updated(movedToYesterday);
    updated(booked);
    expect(shown()).toEqual(['v1@cancelled', 'v2@scheduled']);
  });

  it('shows nothing of another patient’s visits, nor changes its own for them', () => {
    api.answer(0, [booked]);
    const someoneElses = appointment('v9', `${addDays(TODAY, 2)}T10:00:00.000Z`, { patientId: 'patient-b' });
    connection.serverSends('appointment:created', { appointment: someoneElses });
    cancelled(someoneElses, 2);
    expect(shown()).toEqual(['v1@scheduled']);
  });

  it('shows another clinic’s person, signed in next on the tab, nothing of the chart, nor of changes heard since', () => {
    api.answer(0, [booked, otherVisit]);
    connection.userChanged$.next('frontdesk-lakeside');
    expect(shown()).toEqual([]);
    updated(movedToYesterday);
    connection.ready$.next({
      userId: 'frontdesk-lakeside',
      tenantId: 'lakeside',
      role: 'front-desk',
      recovered: false,
      serverTime: '',
    });
    // Not one of their clinic's patients: the API refuses.
    api.loads[1]!.answer.error(new HttpErrorResponse({ status: 404, statusText: 'Not Found' }));
    expect(shown()).toEqual([]);
    const error = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="patient-visits-error"]');
    expect(error?.textContent).toContain('Could not load the visits');
  });

  it('after another patient’s chart and back, a late older version of a visit that left does not come back', () => {
    api.answer(0, [booked, otherVisit]);
    updated(movedToYesterday);

    fixture.componentRef.setInput('id', 'patient-b');
    fixture.detectChanges();
    expect(api.loads.map((load) => load.patientId)).toEqual([PATIENT, 'patient-b']);
    api.answer(1, []);
    expect(shown()).toEqual([]);

    fixture.componentRef.setInput('id', PATIENT);
    fixture.detectChanges();
    api.answer(2, [otherVisit]);
    updated(booked);
    expect(shown()).toEqual(['v2@scheduled']);
  });
});
