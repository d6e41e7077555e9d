import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { APPOINTMENT_TYPES, AppointmentSummary, AppointmentType, StaffMember, zonedTime } from '@derm/shared/contracts';
import { ClinicClock, describeFailure, ROLE_MAY_NOT } from '@derm/portal/core';
import { PatientPickerComponent } from '@derm/portal/patients';
import { AppointmentWrites } from '../data/appointment-writes.service';
import { APPOINTMENT_TYPE_LABELS } from './appointment-labels';
import { hasPassed, needsPastConfirmation } from './booking-errors';

const DURATIONS = [15, 20, 30, 45, 60] as const;

/**
 * Books an appointment on the given day, at a time on the clinic's clock; a time gone by is asked
 * about first. The patient is found with the patients' picker (by name or MRN, on the server).
 */
@Component({
  selector: 'derm-new-appointment-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PatientPickerComponent, ReactiveFormsModule],
  templateUrl: './new-appointment-form.component.html',
  styleUrl: './new-appointment-form.component.css',
})
export class NewAppointmentFormComponent {
  private readonly writes = inject(AppointmentWrites);
  protected readonly clock = inject(ClinicClock);

  readonly day = input.required<string>();
  readonly providers = input.required<readonly StaffMember[]>();
  readonly created = output<AppointmentSummary>();

  protected readonly types = APPOINTMENT_TYPES;
  protected readonly typeLabels = APPOINTMENT_TYPE_LABELS;
  protected readonly durations = DURATIONS;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The booking waits for "Book anyway": its start has passed. */
  protected readonly confirmingPast = signal(false);
  private readonly confirmPastButton = viewChild<ElementRef<HTMLButtonElement>>('confirmPast');
  protected readonly form = inject(NonNullableFormBuilder).group({
    patientId: ['', Validators.required],
    providerId: ['', Validators.required],
    time: ['09:00', Validators.required],
    duration: [30 as number, Validators.required],
    type: ['consultation' as AppointmentType, Validators.required],
  });

  constructor() {
    // The submit button gives way to the question: focus follows, for keyboard users.
    effect(() => this.confirmPastButton()?.nativeElement.focus());
  }

  protected submit(): void {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    if (hasPassed(this.times().startsAt)) this.confirmingPast.set(true);
    else this.send(false);
  }

  /** Sends once per action: a second click while the booking is on its way sends nothing. */
  protected send(confirmPast: boolean): void {
    if (this.pending()) return;
    const { patientId, providerId, time, duration, type } = this.form.getRawValue();
    const { startsAt, endsAt } = this.times();
    this.confirmingPast.set(false);
    this.pending.set(true);
    this.error.set(null);
    this.writes
      .create({
        patientId,
        providerId,
        type,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        ...(confirmPast ? { confirmPast } : {}),
      })
      .subscribe({
        next: (appointment) => {
          this.pending.set(false);
          this.form.reset({ providerId, time, duration, type });
          this.created.emit(appointment);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          if (needsPastConfirmation(error)) this.confirmingPast.set(true);
          else this.error.set(describeFailure(error, 'book the appointment', ROLE_MAY_NOT));
        },
      });
  }

  private times(): { startsAt: Date; endsAt: Date } {
    const { time, duration } = this.form.getRawValue();
    const startsAt = zonedTime(this.day(), time, this.clock.timeZone());
    return { startsAt, endsAt: new Date(startsAt.getTime() + duration * 60_000) };
  }
}
