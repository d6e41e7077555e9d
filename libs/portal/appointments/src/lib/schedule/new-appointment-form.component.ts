import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { APPOINTMENT_TYPES, AppointmentSummary, AppointmentType, StaffMember, zonedTime } from '@derm/shared/contracts';
import { ClinicClock } from '@derm/portal/core';
import { PatientPickerComponent } from '@derm/portal/patients';
import { FocusOnShowDirective, refuseMissing, RequiredFieldDirective } from '@derm/portal/ui';
import { AppointmentWrites } from '../data/appointment-writes.service';
import { APPOINTMENT_TYPE_LABELS } from './appointment-labels';
import { PastStartWrite } from './past-start-write';

const DURATIONS = [15, 20, 30, 45, 60] as const;

/**
 * Books an appointment on the given day, at a time on the clinic's clock; a time gone by is asked
 * about first. The patient is found with the patients' picker (by name or MRN, on the server).
 */
@Component({
  selector: 'derm-new-appointment-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FocusOnShowDirective, PatientPickerComponent, ReactiveFormsModule, RequiredFieldDirective],
  templateUrl: './new-appointment-form.component.html',
  styleUrl: './new-appointment-form.component.css',
})
export class NewAppointmentFormComponent {
  private readonly writes = inject(AppointmentWrites);
  protected readonly clock = inject(ClinicClock);

  readonly day = input.required<string>();
  readonly providers = input.required<readonly StaffMember[]>();
  readonly created = output<AppointmentSummary>();
  private readonly picker = viewChild.required(PatientPickerComponent);
  private readonly required = viewChildren(RequiredFieldDirective);
  private readonly timeInput = viewChild.required<ElementRef<HTMLInputElement>>('time');
  /** "Book anyway" answered the question: the submit button, back in its place, takes the focus. */
  protected readonly submitTakesFocus = signal(false);

  protected readonly types = APPOINTMENT_TYPES;
  protected readonly typeLabels = APPOINTMENT_TYPE_LABELS;
  protected readonly durations = DURATIONS;
  /** A failure to book goes when another day is shown, as the schedule's own errors do. */
  protected readonly write = new PastStartWrite<AppointmentSummary>(
    'book the appointment',
    this.day,
    this.clock.timeZone,
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    patientId: ['', Validators.required],
    providerId: ['', Validators.required],
    time: ['09:00', Validators.required],
    duration: [30 as number, Validators.required],
    type: ['consultation' as AppointmentType, Validators.required],
  });

  protected submit(): void {
    if (this.write.pending()) return;
    const missing = refuseMissing(this.required(), 'new-appointment-error');
    if (missing || this.form.invalid) {
      this.form.markAllAsTouched();
      this.write.error.set(missing);
      return;
    }
    if (!this.write.asksFirst(this.times().startsAt)) this.send(false);
  }

  protected bookAnyway(): void {
    this.submitTakesFocus.set(true);
    this.send(true);
  }

  /** The time is what the question was about: it takes the focus. */
  protected changeTime(): void {
    this.write.confirmingPast.set(false);
    this.timeInput().nativeElement.focus();
  }

  private send(confirmPast: boolean): void {
    const { patientId, providerId, time, duration, type } = this.form.getRawValue();
    const { startsAt, endsAt } = this.times();
    this.write.send(
      confirmPast,
      (confirmation) =>
        this.writes.create({
          patientId,
          providerId,
          type,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          ...confirmation,
        }),
      (appointment) => {
        this.form.reset({ providerId, time, duration, type });
        this.created.emit(appointment);
      },
    );
  }

  /**
   * The booking the question is about, for its buttons' names: "the booking of Olivia Hart at 09:00
   * with Dr. Ana Ortiz".
   */
  protected booking(): string {
    const { time, providerId } = this.form.getRawValue();
    const patient = this.picker().chosenPatient();
    const provider = this.providers().find((member) => member.id === providerId);
    return `the booking${patient ? ` of ${patient.displayName}` : ''} at ${time}${provider ? ` with ${provider.name}` : ''}`;
  }

  private times(): { startsAt: Date; endsAt: Date } {
    const { time, duration } = this.form.getRawValue();
    const startsAt = zonedTime(this.day(), time, this.clock.timeZone());
    return { startsAt, endsAt: new Date(startsAt.getTime() + duration * 60_000) };
  }
}
