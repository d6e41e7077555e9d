import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ClinicClock, LOST_ANSWER_RETRY_DELAYS_MS } from '@derm/portal/core';
import {
  APPOINTMENT_MAX_HOURS,
  AppointmentChangedError,
  AppointmentSummary,
  IDEMPOTENCY_KEY_HEADER,
} from '@derm/shared/contracts';
import { MoveAppointmentComponent } from './move-appointment.component';

const DAY = '2031-06-02';
const opened: AppointmentSummary = {
  id: 'a1',
  patientId: 'p1',
  patientName: 'Ada Patient',
  providerId: 'd1',
  providerName: 'Dr. Lee',
  startsAt: `${DAY}T15:00:00.000Z`,
  endsAt: `${DAY}T15:30:00.000Z`,
  status: 'scheduled',
  type: 'skin-check',
  version: 1,
};
/** How the row names the visit. */
const VISIT = 'Ada Patient 15:00–15:30';
/** A colleague's move, made while the form was open. */
const movedElsewhere: AppointmentSummary = {
  ...opened,
  startsAt: `${DAY}T09:40:00.000Z`,
  endsAt: `${DAY}T10:10:00.000Z`,
  version: 2,
};

describe('MoveAppointmentComponent', () => {
  let fixture: ComponentFixture<MoveAppointmentComponent>;
  let http: HttpTestingController;
  let changedElsewhere: AppointmentSummary[];

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: ClinicClock, useValue: { timeZone: signal('UTC'), today: signal(DAY) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MoveAppointmentComponent);
    fixture.componentRef.setInput('appointment', opened);
    fixture.componentRef.setInput('day', DAY);
    fixture.componentRef.setInput('visit', VISIT);
    changedElsewhere = [];
    fixture.componentInstance.changedElsewhere.subscribe((now) => changedElsewhere.push(now));
    fixture.detectChanges();
  });
  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  const element = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  function moveTo(time: string): TestRequest {
    const input = element('appointment-move-time') as HTMLInputElement;
    input.value = time;
    input.dispatchEvent(new Event('input'));
    element('appointment-move-save')?.click();
    fixture.detectChanges();
    return http.expectOne({ method: 'PATCH', url: '/api/appointments/a1' });
  }
  const changedBody = (now: AppointmentSummary): AppointmentChangedError => ({
    statusCode: 412,
    message: 'The appointment changed meanwhile',
    appointment: now,
  });

  const buttons = () => Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button'));

  it('names its buttons after the visit; the question about a time gone by describes its Move anyway', () => {
    expect(buttons().map((button) => button.getAttribute('aria-label'))).toEqual([`Move ${VISIT}`, `Keep ${VISIT}`]);
    expect(buttons().map((button) => button.textContent?.trim())).toEqual(['Move', 'Keep']);

    fixture.componentRef.setInput('day', '2020-01-06');
    fixture.detectChanges();
    element('appointment-move-save')?.click();
    fixture.detectChanges();
    const question = element('appointment-move-past-question');
    expect(question?.id).toBeTruthy();
    expect(
      buttons().map((button) => [button.getAttribute('aria-label'), button.getAttribute('aria-describedby')]),
    ).toEqual([
      [`Move anyway, ${VISIT}`, question?.id],
      [`Back to the time for ${VISIT}`, null],
    ]);
  });

  it('names the version the form opened on, not the one a live event brought to the row since', () => {
    fixture.componentRef.setInput('appointment', movedElsewhere);
    fixture.detectChanges();

    const move = moveTo('16:00');
    expect(move.request.headers.get('If-Match')).toBe('"1"');
    expect(move.request.body).toMatchObject({ startsAt: `${DAY}T16:00:00.000Z` });
    move.flush({ ...opened, startsAt: `${DAY}T16:00:00.000Z`, version: 2 });
  });

  it('on a 412 says someone else changed it, shows where it is now, sends nothing by itself, and moves on the new version when asked', () => {
    const refused = moveTo('16:00');
    refused.flush(changedBody(movedElsewhere), { status: 412, statusText: 'Precondition Failed' });
    fixture.detectChanges();

    const said = element('appointment-move-changed')?.textContent ?? '';
    expect(said).toContain('Someone else changed this appointment meanwhile');
    expect(said).toContain('09:40');
    expect(said).toContain('Dr. Lee');
    expect(element('appointment-move-error')).toBeNull();
    expect(changedElsewhere).toEqual([movedElsewhere]);
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0));
    http.expectNone('/api/appointments/a1');

    const again = moveTo('16:00');
    expect(again.request.headers.get('If-Match')).toBe('"2"');
    expect(again.request.headers.get(IDEMPOTENCY_KEY_HEADER)).not.toBe(
      refused.request.headers.get(IDEMPOTENCY_KEY_HEADER),
    );
    again.flush({ ...movedElsewhere, startsAt: `${DAY}T16:00:00.000Z`, version: 3 });
    fixture.detectChanges();
    expect(element('appointment-move-changed')).toBeNull();
  });

  it("shows the server's reason when it refuses the move as too long, and sends nothing by itself", () => {
    // Booked before there was a limit: a move keeps the length, which the API now refuses.
    const dayLong = { ...opened, endsAt: `${DAY}T23:00:00.000Z`, startsAt: `${DAY}T09:00:00.000Z` };
    fixture.componentRef.setInput('appointment', dayLong);
    fixture.detectChanges();
    const moved: AppointmentSummary[] = [];
    fixture.componentInstance.moved.subscribe((appointment) => moved.push(appointment));
    const reason = `An appointment can last at most ${APPOINTMENT_MAX_HOURS} hours: check its start and end times`;

    moveTo('08:00').flush({ statusCode: 400, message: reason }, { status: 400, statusText: 'Bad Request' });
    fixture.detectChanges();

    expect(element('appointment-move-error')?.textContent?.trim()).toBe(`Could not move the appointment: ${reason}`);
    expect(moved).toEqual([]);
    jest.advanceTimersByTime(LOST_ANSWER_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0));
    http.expectNone('/api/appointments/a1');
  });

  it('Enter in the time field moves once; the Move button keeps the focus and does nothing more while the move is on its way', () => {
    const moved: AppointmentSummary[] = [];
    fixture.componentInstance.moved.subscribe((appointment) => moved.push(appointment));
    const input = element('appointment-move-time') as HTMLInputElement;
    input.value = '16:00';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    fixture.detectChanges();
    const move = http.expectOne({ method: 'PATCH', url: '/api/appointments/a1' });
    expect(move.request.body).toMatchObject({ startsAt: `${DAY}T16:00:00.000Z` });

    const save = element('appointment-move-save');
    expect(save?.hasAttribute('disabled')).toBe(false);
    expect(save?.getAttribute('aria-disabled')).toBe('true');
    save?.click();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    http.expectNone({ method: 'PATCH', url: '/api/appointments/a1' });

    move.flush({ ...opened, startsAt: `${DAY}T16:00:00.000Z`, version: 2 });
    fixture.detectChanges();
    expect(moved.map((appointment) => appointment.startsAt)).toEqual([`${DAY}T16:00:00.000Z`]);
    expect(element('appointment-move-save')?.hasAttribute('aria-disabled')).toBe(false);
  });

  it('Escape goes back from the question to the time, and from the time closes the form, sending nothing', () => {
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => (closed += 1));
    fixture.componentRef.setInput('day', '2020-01-06');
    fixture.detectChanges();
    element('appointment-move-save')?.click();
    fixture.detectChanges();
    const escape = (testId: string) => {
      element(testId)?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      fixture.detectChanges();
    };

    escape('appointment-move-confirm-past');
    expect(element('appointment-move-past-question')).toBeNull();
    expect(element('appointment-move-time')).not.toBeNull();
    expect(closed).toBe(0);

    escape('appointment-move-time');
    expect(closed).toBe(1);
    http.expectNone('/api/appointments/a1');
  });
});
