import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import {
  AuthSession,
  ClinicClock,
  ClinicTimePipe,
  Colleagues,
  describeFailure,
  liveCollection,
  ROLE_MAY_NOT,
} from '@derm/portal/core';
import {
  FocusOnShowDirective,
  LoadingPlaceholderComponent,
  MaxCharactersDirective,
  ShownAsWrittenDirective,
  ShownAsWrittenNoteComponent,
} from '@derm/portal/ui';
import {
  addDays,
  AppointmentSummary,
  CANCEL_REASON_MAX_LENGTH,
  isCalendarDay,
  Permission,
  roleMay,
} from '@derm/shared/contracts';
import { Observable } from 'rxjs';
import { AppointmentChanges } from '../data/appointment-changes.service';
import { AppointmentListChange, upsert } from '../data/appointment-list-changes';
import { AppointmentsApi } from '../data/appointments-api.service';
import { AppointmentWrites } from '../data/appointment-writes.service';
import { changedMeanwhile, refusedAsItIs } from '../data/changed-meanwhile';
import { VersionsSeen } from '../data/versions-seen';
import { APPOINTMENT_TYPE_LABELS } from './appointment-labels';
import { AppointmentStatusComponent } from './appointment-status.component';
import { MoveAppointmentComponent } from './move-appointment.component';
import { NewAppointmentFormComponent } from './new-appointment-form.component';
import { dayHeading, onDay } from './schedule-state';
import { startedAppointments } from './started-appointments';

const FRESH_MS = 2_500;

/** A row's button that opens a question in its place, and takes the focus back when it closes. */
type RowQuestion = { appointmentId: string; button: 'move' | 'cancel' };

/**
 * One day of the clinic's calendar, in the clinic's time zone whatever the browser's: loaded over
 * REST and kept current by `appointment:*` events. While a day loads, a placeholder stands in for
 * the rows: the previous day's never stay on screen with their buttons.
 */
@Component({
  selector: 'derm-schedule-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MaxCharactersDirective,
    AppointmentStatusComponent,
    ClinicTimePipe,
    FocusOnShowDirective,
    LoadingPlaceholderComponent,
    MoveAppointmentComponent,
    NewAppointmentFormComponent,
    ShownAsWrittenDirective,
    ShownAsWrittenNoteComponent,
  ],
  templateUrl: './schedule-page.component.html',
  styleUrl: './schedule-page.component.css',
})
export class SchedulePage {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly injector = inject(Injector);
  private readonly api = inject(AppointmentsApi);
  private readonly writes = inject(AppointmentWrites);
  private readonly changes = inject(AppointmentChanges);
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly clock = inject(ClinicClock);

  protected readonly typeLabels = APPOINTMENT_TYPE_LABELS;
  protected readonly cancelReasonMaxLength = CANCEL_REASON_MAX_LENGTH;

  /** `?date=YYYY-MM-DD`, a day of the clinic's calendar: a reload or a link keeps the day. None: today. */
  readonly date = input<string>();
  protected readonly day = computed(() => {
    const date = this.date();
    return date && isCalendarDay(date) ? date : this.clock.today();
  });
  protected readonly heading = computed(() => dayHeading(this.day()));
  /** Outlives the day's loads: what a reload no longer lists is still known at its newest version. */
  private readonly versions = new VersionsSeen();
  private readonly schedule = liveCollection<AppointmentSummary[], AppointmentSummary[], string>({
    initial: [],
    key: toObservable(this.day),
    load: (day) => this.api.list(day),
    loaded: (_, list) => this.versions.loaded(list),
  });
  private readonly shows = computed(() => onDay(this.day(), this.clock.timeZone()));
  /** The day's appointments: not those the list keeps that have left the day. */
  protected readonly appointments = computed(() => this.schedule.value().filter(this.shows()));
  protected readonly loading = this.schedule.loading;
  /** The day's load failed with nothing of it shown: no count, and no "No appointments", would be true. */
  protected readonly notLoaded = computed(() => this.schedule.error() !== null && this.appointments().length === 0);
  /**
   * A failed load, or how the last row action sent failed (dismissable). Another day starts without
   * the failure of an action on the day left; the next row action sent replaces it, and a booking
   * or move answered takes it away.
   */
  protected readonly error = linkedSignal({
    source: () => ({ day: this.day(), failed: this.schedule.error() }),
    computation: ({ failed }): string | null =>
      failed ? describeFailure(failed, 'load the schedule', ROLE_MAY_NOT) : null,
  });
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  /** The appointment as it was when the person chose Cancel: the version the cancellation names. */
  protected readonly confirmingCancel = signal<AppointmentSummary | null>(null);
  protected readonly moving = signal<string | null>(null);
  /** The row's button that the question just closed gives the focus back to; none on another day. */
  protected readonly focusBack = linkedSignal<string, RowQuestion | null>({
    source: this.day,
    computation: () => null,
  });
  /** Offers only what the server's permission matrix lets this role do (it refuses the rest anyway). */
  protected readonly mayComplete = computed(() => this.may('appointment:complete'));
  protected readonly mayMarkNoShow = computed(() => this.may('appointment:mark-no-show'));

  private readonly colleagues = inject(Colleagues).all;
  protected readonly providers = computed(() => this.colleagues().filter((member) => member.role === 'provider'));
  protected readonly counts = computed(() => {
    const list = this.appointments();
    return {
      total: list.filter((item) => item.status !== 'cancelled').length,
      checkedIn: list.filter((item) => item.status === 'checked-in').length,
      cancelled: list.filter((item) => item.status === 'cancelled').length,
    };
  });
  protected readonly isToday = computed(() => this.day() === this.clock.today());
  /** A no-show is for a visit whose time has come. */
  protected readonly started = startedAppointments(this.appointments);

  constructor() {
    this.applyLiveEvents();
  }

  protected setDay(day: string): void {
    if (!isCalendarDay(day)) return;
    // Today has no date in the address, so that a bookmark of the schedule always opens on today.
    const date = day === this.clock.today() ? null : day;
    void this.router.navigate([], { relativeTo: this.route, queryParams: { date }, replaceUrl: true });
  }

  protected shiftDay(days: number): void {
    this.setDay(addDays(this.day(), days));
  }

  protected today(): void {
    this.setDay(this.clock.today());
  }

  protected onCreated(appointment: AppointmentSummary): void {
    this.formAnswered(appointment);
  }

  protected checkIn(appointment: AppointmentSummary): void {
    this.run(appointment.id, () => this.writes.changeStatus(appointment.id, 'check-in'), 'check in');
  }

  protected complete(appointment: AppointmentSummary): void {
    this.run(appointment.id, () => this.writes.changeStatus(appointment.id, 'complete'), 'mark it completed');
  }

  protected markNoShow(appointment: AppointmentSummary): void {
    this.run(appointment.id, () => this.writes.changeStatus(appointment.id, 'no-show'), 'mark a no-show');
  }

  protected onMoved(appointment: AppointmentSummary): void {
    this.closeMove(appointment.id);
    this.formAnswered(appointment);
  }

  protected closeMove(appointmentId: string): void {
    this.moving.set(null);
    this.focusBack.set({ appointmentId, button: 'move' });
  }

  protected takesFocusBack(appointmentId: string, button: RowQuestion['button']): boolean {
    const back = this.focusBack();
    return back?.appointmentId === appointmentId && back.button === button;
  }

  /** The move form found the appointment changed by someone else: the row shows it as it is now. */
  protected onChangedElsewhere(appointment: AppointmentSummary): void {
    this.formAnswered(appointment);
  }

  /**
   * The question takes the place of the row's buttons, so the second click of a double click on
   * Cancel can land on Confirm (or Keep): neither acts on it. A key press is no double click.
   */
  protected cancel(click: MouseEvent, reason: string): void {
    if (click.detail < 2) this.confirmCancel(reason);
  }

  /** Enter in the reason answers the question as Confirm does. */
  protected confirmCancel(reason: string): void {
    const shown = this.confirmingCancel();
    if (!shown) return;
    this.confirmingCancel.set(null);
    const request = reason.trim() ? { reason: reason.trim() } : {};
    this.run(shown.id, () => this.writes.cancel(shown.id, shown.version, request), 'cancel');
  }

  /**
   * Keep takes Cancel's place: the second click of a double click on Cancel lands on it, and must
   * not close the question that click opened. A key press is no double click.
   */
  protected keep(click: MouseEvent): void {
    if (click.detail < 2) this.keepAsItIs();
  }

  /** Keep, and Escape anywhere in the question: the row's Cancel has the focus again. */
  protected keepAsItIs(): void {
    const shown = this.confirmingCancel();
    if (!shown) return;
    this.confirmingCancel.set(null);
    this.focusBack.set({ appointmentId: shown.id, button: 'cancel' });
  }

  protected dismissError(): void {
    this.error.set(null);
  }

  private applyLiveEvents(): void {
    this.changes.changes$
      .pipe(takeUntilDestroyed())
      .subscribe(({ appointmentId, version, change }) => this.apply(change, appointmentId, version));
  }

  /**
   * The booking or move form's action was answered: it was the person's next action, so an earlier
   * row action's failure no longer stands above the schedule (the form says how its own went).
   */
  private formAnswered(appointment: AppointmentSummary): void {
    this.error.set(null);
    this.answered(appointment);
  }

  /** An answer of the API: the appointment as the write left it (or as a 412 or a 409 refusing it found it). */
  private answered(appointment: AppointmentSummary): void {
    this.apply(upsert(appointment), appointment.id, appointment.version);
  }

  /**
   * Applies a change to the day shown, and again onto a load on its way; highlights what it
   * changed. Not one at a version already seen, whatever loads came in between.
   */
  private apply(heard: AppointmentListChange, appointmentId: string, version: number): void {
    const change = this.versions.guard(appointmentId, version, heard);
    const shown = this.shows();
    const changesList = change(this.schedule.value(), shown) !== null;
    this.schedule.apply((list) => change(list, shown) ?? list);
    if (changesList) this.markFresh(appointmentId);
  }

  /** One action at a time per appointment: a second click while one is on its way sends nothing. */
  private run(id: string, request: () => Observable<AppointmentSummary>, action: string): void {
    if (this.busy().has(id)) return;
    this.busy.update((ids) => new Set(ids).add(id));
    this.error.set(null);
    request().subscribe({
      next: (appointment) => {
        this.done(id);
        this.keepFocusInRow(id);
        // The event brings the same change; applying the response too keeps this tab right offline.
        if (appointment?.id) this.answered(appointment);
      },
      error: (error: unknown) => {
        this.done(id);
        this.keepFocusInRow(id);
        const now = changedMeanwhile(error);
        const asItIs = now ?? refusedAsItIs(error);
        if (asItIs) this.answered(asItIs);
        this.error.set(
          now
            ? `Could not ${action}: someone else changed this appointment meanwhile; the schedule now shows it as it is. Look again and decide.`
            : describeFailure(error, action, ROLE_MAY_NOT),
        );
      },
    });
  }

  /**
   * The pressed button was disabled while its action was on its way, and a done one goes (Check in
   * makes way for Complete, or for nothing): the focus fell to the page's body, where a screen
   * reader loses its place. It goes to the row's status, which says what the action did.
   */
  private keepFocusInRow(id: string): void {
    afterNextRender(
      () => {
        if (document.activeElement && document.activeElement !== document.body) return;
        this.host
          .querySelector<HTMLElement>(`[data-appointment-id="${id}"] [data-testid="appointment-status"]`)
          ?.focus();
      },
      { injector: this.injector },
    );
  }

  private may(permission: Permission): boolean {
    const role = this.session.user()?.role;
    return !!role && roleMay(role, permission);
  }

  private done(id: string): void {
    this.busy.update((ids) => {
      const next = new Set(ids);
      next.delete(id);
      return next;
    });
  }

  private markFresh(id: string): void {
    this.fresh.update((ids) => new Set(ids).add(id));
    setTimeout(
      () =>
        this.fresh.update((ids) => {
          const next = new Set(ids);
          next.delete(id);
          return next;
        }),
      FRESH_MS,
    );
  }
}
