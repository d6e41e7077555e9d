import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { AppointmentSummary, zonedTime } from '@derm/shared/contracts';
import { ClinicClock, ClinicTimePipe } from '@derm/portal/core';
import { FocusOnShowDirective } from '@derm/portal/ui';
import { AppointmentWrites } from '../data/appointment-writes.service';
import { changedMeanwhile } from '../data/changed-meanwhile';
import { APPOINTMENT_STATUS_LABELS } from './appointment-labels';
import { PastStartWrite } from './past-start-write';

/**
 * Reschedules an appointment to another time of the day shown, keeping its length; a time that
 * has gone by is asked about first. Everyone else hears the move as `appointment:updated`. The
 * move names the version the form opened on: if someone changed the appointment meanwhile, the
 * API refuses it (412) and the form says so, shows where the appointment is now and lets the
 * person move it again (on the new version) or keep it. Nothing is sent again by itself.
 */
@Component({
  selector: 'derm-move-appointment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, FocusOnShowDirective, ReactiveFormsModule],
  // Escape steps back: from the question to the time, from the time to the row's buttons.
  host: { '(keydown.escape)': 'stepBack()' },
  template: `
    <!-- Each button names the visit, as the row's did: "Move" alone does not say which one. -->
    @if (write.confirmingPast()) {
      <span class="question" [id]="questionId()" data-testid="appointment-move-past-question"
        >That time has passed. Move it there anyway?</span
      >
      <button
        dermFocusOnShow
        type="button"
        data-testid="appointment-move-confirm-past"
        [attr.aria-label]="'Move anyway, ' + visit()"
        [attr.aria-describedby]="questionId()"
        (click)="send(true)"
      >
        Move anyway
      </button>
      <button
        type="button"
        class="secondary"
        [attr.aria-label]="'Back to the time for ' + visit()"
        (click)="write.confirmingPast.set(false)"
      >
        Back
      </button>
    } @else {
      <label class="visually-hidden" [for]="inputId()">New start time for {{ visit() }}</label>
      <input
        [id]="inputId()"
        type="time"
        step="300"
        class="time"
        [formControl]="time"
        data-testid="appointment-move-time"
        dermFocusOnShow
        (keydown.enter)="submit()"
      />
      <!-- Not disabled while the move is on its way: a disabled button would drop the focus. -->
      <button
        type="button"
        data-testid="appointment-move-save"
        [attr.aria-label]="'Move ' + visit()"
        [attr.aria-describedby]="changed() ? changedId() : null"
        [attr.aria-disabled]="write.pending() ? 'true' : null"
        (click)="save($event)"
      >
        Move
      </button>
      <button
        type="button"
        class="secondary"
        [attr.aria-label]="'Keep ' + visit()"
        [attr.aria-describedby]="changed() ? changedId() : null"
        (click)="keep($event)"
      >
        Keep
      </button>
    }
    @if (changed(); as now) {
      <p class="error" role="alert" [id]="changedId()" data-testid="appointment-move-changed">
        Someone else changed this appointment meanwhile: it is now
        @if (now.status === 'scheduled') {
          {{ now.startsAt | clinicTime: 'day-time' }}–{{ now.endsAt | clinicTime }} with {{ now.providerName }}. Move it
          to the time above anyway, or keep it there.
        } @else {
          {{ statusLabels[now.status].toLowerCase() }}.
        }
      </p>
    }
    @if (write.error(); as message) {
      <p class="error" role="alert" data-testid="appointment-move-error">{{ message }}</p>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 0.35rem;
    }
    .time {
      width: 7rem;
      padding: 0.3rem 0.5rem;
      font-size: 0.8rem;
    }
    button {
      padding: 0.3rem 0.65rem;
      font-size: 0.8rem;
    }
    .question {
      font-size: 0.8rem;
      white-space: normal;
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: #991b1b;
      font-size: 0.8rem;
      white-space: normal;
      text-align: right;
    }
  `,
})
export class MoveAppointmentComponent implements OnInit {
  private readonly writes = inject(AppointmentWrites);
  private readonly clock = inject(ClinicClock);

  readonly appointment = input.required<AppointmentSummary>();
  /** The visit as its row names it ("Ana Lima 09:00–09:20"), for the names of the form's buttons. */
  readonly visit = input.required<string>();
  /** The day shown, which the appointment is on. */
  readonly day = input.required<string>();
  readonly moved = output<AppointmentSummary>();
  /** The appointment as it is now, after a move refused because someone changed it meanwhile. */
  readonly changedElsewhere = output<AppointmentSummary>();
  readonly closed = output();

  protected readonly statusLabels = APPOINTMENT_STATUS_LABELS;
  protected readonly time = inject(NonNullableFormBuilder).control('', Validators.required);
  protected readonly write = new PastStartWrite<AppointmentSummary>(
    'move the appointment',
    undefined,
    this.clock.timeZone,
  );
  protected readonly inputId = computed(() => `move-${this.appointment().id}`);
  protected readonly questionId = computed(() => `move-past-${this.appointment().id}`);
  protected readonly changedId = computed(() => `move-changed-${this.appointment().id}`);
  /** What someone else made of the appointment while this form was open, once a move found out. */
  protected readonly changed = signal<AppointmentSummary | null>(null);
  /**
   * The version the person decides on: the one the form opened on, not the live row's, which a
   * colleague's move replaces unnoticed; after a refusal, the one the form then showed.
   */
  private decidedOn = 0;

  ngOnInit(): void {
    this.decidedOn = this.appointment().version;
    this.time.setValue(clockTime(new Date(this.appointment().startsAt), this.clock.timeZone()));
  }

  /** As Keep below: the second click of a double click on the row's Move is no decision to move. */
  protected save(click: MouseEvent): void {
    if (click.detail < 2) this.submit();
  }

  /** Move, and Enter in the time field. */
  protected submit(): void {
    if (this.time.invalid || this.write.pending()) return;
    if (!this.write.asksFirst(this.target().startsAt)) this.send(false);
  }

  protected send(confirmPast: boolean): void {
    const { startsAt, endsAt } = this.target();
    if (!this.write.pending()) this.changed.set(null);
    this.write.send(
      confirmPast,
      (confirmation) =>
        this.writes.update(this.appointment().id, this.decidedOn, {
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          ...confirmation,
        }),
      (appointment) => this.moved.emit(appointment),
      (error) => this.heardOfChange(error),
    );
  }

  private heardOfChange(error: unknown): boolean {
    const now = changedMeanwhile(error);
    if (!now) return false;
    this.decidedOn = now.version;
    this.changed.set(now);
    this.changedElsewhere.emit(now);
    return true;
  }

  /**
   * The form takes the place of the row's buttons: the second click of a double click on Move can
   * land on Keep, and must not close the form that click opened. A key press is no double click.
   */
  protected keep(click: MouseEvent): void {
    if (click.detail < 2) this.closed.emit();
  }

  protected stepBack(): void {
    if (this.write.confirmingPast()) this.write.confirmingPast.set(false);
    else this.closed.emit();
  }

  private target(): { startsAt: Date; endsAt: Date } {
    const { startsAt, endsAt } = this.appointment();
    const startsAtDate = zonedTime(this.day(), this.time.value, this.clock.timeZone());
    return {
      startsAt: startsAtDate,
      endsAt: new Date(startsAtDate.getTime() + Date.parse(endsAt) - Date.parse(startsAt)),
    };
  }
}

/** `HH:MM` on the clinic's clock, as a time input takes it. */
function clockTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(
    instant,
  );
}
