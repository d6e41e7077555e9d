import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  APPOINTMENT_TYPES,
  AppointmentSummary,
  AppointmentType,
  PatientSummary,
  StaffMember,
  zonedTime,
} from '@derm/shared/contracts';
import { ClinicClock } from '@derm/portal/core';
import { AppointmentsApi } from '../data/appointments-api.service';
import { APPOINTMENT_TYPE_LABELS } from './appointment-labels';

const DURATIONS = [15, 20, 30, 45, 60] as const;

/** Books an appointment on the given day, at a time on the clinic's clock. */
@Component({
  selector: 'derm-new-appointment-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './new-appointment-form.component.html',
  styleUrl: './new-appointment-form.component.css',
})
export class NewAppointmentFormComponent {
  private readonly api = inject(AppointmentsApi);
  protected readonly clock = inject(ClinicClock);

  readonly day = input.required<string>();
  readonly patients = input.required<readonly PatientSummary[]>();
  readonly providers = input.required<readonly StaffMember[]>();
  readonly created = output<AppointmentSummary>();

  protected readonly types = APPOINTMENT_TYPES;
  protected readonly typeLabels = APPOINTMENT_TYPE_LABELS;
  protected readonly durations = DURATIONS;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    patientId: ['', Validators.required],
    providerId: ['', Validators.required],
    time: ['09:00', Validators.required],
    duration: [30 as number, Validators.required],
    type: ['consultation' as AppointmentType, Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    const { patientId, providerId, time, duration, type } = this.form.getRawValue();
    const startsAt = zonedTime(this.day(), time, this.clock.timeZone());
    const endsAt = new Date(startsAt.getTime() + duration * 60_000);

    this.pending.set(true);
    this.error.set(null);
    this.api
      .create({ patientId, providerId, type, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() })
      .subscribe({
        next: (appointment) => {
          this.pending.set(false);
          this.form.reset({ providerId, time, duration, type });
          this.created.emit(appointment);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(describe(error));
        },
      });
  }
}

function describe(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const message = (error.error as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join(' ');
    if (error.status === 403) return 'Your role cannot book appointments.';
    if (error.status === 0) return 'The server cannot be reached.';
  }
  return 'The appointment could not be booked.';
}
