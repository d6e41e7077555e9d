import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  OnInit,
  output,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { AppointmentSummary, zonedTime } from '@derm/shared/contracts';
import { ClinicClock } from '@derm/portal/core';
import { AppointmentWrites } from '../data/appointment-writes.service';
import { PastStartWrite } from './past-start-write';

/**
 * Reschedules an appointment to another time of the day shown, keeping its length; a time that
 * has gone by is asked about first. Everyone else hears the move as `appointment:updated`.
 */
@Component({
  selector: 'derm-move-appointment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    @if (write.confirmingPast()) {
      <span class="question" data-testid="appointment-move-past-question"
        >That time has passed. Move it there anyway?</span
      >
      <button #confirmPast type="button" data-testid="appointment-move-confirm-past" (click)="send(true)">
        Move anyway
      </button>
      <button type="button" class="secondary" (click)="write.confirmingPast.set(false)">Back</button>
    } @else {
      <label class="visually-hidden" [for]="inputId()">New start time</label>
      <input
        [id]="inputId()"
        type="time"
        step="300"
        class="time"
        [formControl]="time"
        data-testid="appointment-move-time"
      />
      <button type="button" data-testid="appointment-move-save" [disabled]="write.pending()" (click)="save()">
        Move
      </button>
      <button type="button" class="secondary" (click)="keep($event)">Keep</button>
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
  /** The day shown, which the appointment is on. */
  readonly day = input.required<string>();
  readonly moved = output<AppointmentSummary>();
  readonly closed = output();

  protected readonly time = inject(NonNullableFormBuilder).control('', Validators.required);
  protected readonly write = new PastStartWrite<AppointmentSummary>('move the appointment');
  private readonly confirmPastButton = viewChild<ElementRef<HTMLButtonElement>>('confirmPast');
  protected readonly inputId = computed(() => `move-${this.appointment().id}`);

  constructor() {
    effect(() => this.confirmPastButton()?.nativeElement.focus());
  }

  ngOnInit(): void {
    this.time.setValue(clockTime(new Date(this.appointment().startsAt), this.clock.timeZone()));
  }

  protected save(): void {
    if (this.time.invalid) return;
    if (!this.write.asksFirst(this.target().startsAt)) this.send(false);
  }

  protected send(confirmPast: boolean): void {
    const { startsAt, endsAt } = this.target();
    this.write.send(
      confirmPast,
      (confirmation) =>
        this.writes.update(this.appointment().id, {
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          ...confirmation,
        }),
      (appointment) => this.moved.emit(appointment),
    );
  }

  /**
   * The form takes the place of the row's buttons: the second click of a double click on Move can
   * land on Keep, and must not close the form that click opened. A key press is no double click.
   */
  protected keep(click: MouseEvent): void {
    if (click.detail < 2) this.closed.emit();
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
