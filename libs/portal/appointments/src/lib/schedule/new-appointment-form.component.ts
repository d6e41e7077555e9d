import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  APPOINTMENT_TYPES,
  AppointmentSummary,
  AppointmentType,
  PatientSummary,
  StaffMember,
  zonedTime,
} from '@derm/shared/contracts';
import { ClinicClock } from '@derm/portal/core';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { AppointmentsApi } from '../data/appointments-api.service';
import { AppointmentWrites } from '../data/appointment-writes.service';
import { APPOINTMENT_TYPE_LABELS } from './appointment-labels';
import { describeRefusal, hasPassed, needsPastConfirmation } from './booking-errors';
import { patientChoices, patientLabel } from './patient-choices';

const DURATIONS = [15, 20, 30, 45, 60] as const;
/** How many patients one search lists; when there are more, the hint asks for more of the name. */
const PATIENT_MATCHES = 20;
/** One search per pause in typing. */
const SEARCH_DEBOUNCE_MS = 250;

/**
 * Books an appointment on the given day, at a time on the clinic's clock; a time gone by is asked
 * about first. The patient is found by name or MRN on the server, so a clinic of any size is never
 * loaded whole, and each is listed with date of birth and MRN, so namesakes are told apart.
 */
@Component({
  selector: 'derm-new-appointment-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './new-appointment-form.component.html',
  styleUrl: './new-appointment-form.component.css',
})
export class NewAppointmentFormComponent {
  private readonly api = inject(AppointmentsApi);
  private readonly writes = inject(AppointmentWrites);
  protected readonly clock = inject(ClinicClock);

  readonly day = input.required<string>();
  readonly providers = input.required<readonly StaffMember[]>();
  readonly created = output<AppointmentSummary>();

  protected readonly types = APPOINTMENT_TYPES;
  protected readonly typeLabels = APPOINTMENT_TYPE_LABELS;
  protected readonly durations = DURATIONS;
  protected readonly patientLabel = patientLabel;
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

  protected readonly patientSearch = new FormControl('', { nonNullable: true });
  /** What the search found, and for which text: before anything is typed, the first patients by name. */
  private readonly found = toSignal(
    this.patientSearch.valueChanges.pipe(
      debounceTime(SEARCH_DEBOUNCE_MS),
      map((text) => text.trim()),
      startWith(''),
      distinctUntilChanged(),
      switchMap((text) =>
        this.api.findPatients(text, PATIENT_MATCHES).pipe(
          catchError(() => of<PatientSummary[]>([])),
          map((matches) => ({ text, matches })),
        ),
      ),
    ),
    { initialValue: { text: '', matches: [] as PatientSummary[] } },
  );
  protected readonly patientHint = computed(() => {
    const { text, matches } = this.found();
    if (matches.length >= PATIENT_MATCHES) return `The first ${PATIENT_MATCHES} by name: type more to narrow them.`;
    return text && matches.length === 0 ? `No patient’s name or MRN matches “${text}”.` : '';
  });
  private readonly chosen = signal<PatientSummary | null>(null);
  protected readonly patients = computed(() => patientChoices(this.found().matches, this.chosen()));

  constructor() {
    // The submit button gives way to the question: focus follows, for keyboard users.
    effect(() => this.confirmPastButton()?.nativeElement.focus());
    this.form.controls.patientId.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((id) => this.chosen.set(this.patients().find((patient) => patient.id === id) ?? null));
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
          this.patientSearch.setValue('');
          this.created.emit(appointment);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          if (needsPastConfirmation(error)) this.confirmingPast.set(true);
          else this.error.set(describeRefusal(error, 'book the appointment'));
        },
      });
  }

  private times(): { startsAt: Date; endsAt: Date } {
    const { time, duration } = this.form.getRawValue();
    const startsAt = zonedTime(this.day(), time, this.clock.timeZone());
    return { startsAt, endsAt: new Date(startsAt.getTime() + duration * 60_000) };
  }
}
