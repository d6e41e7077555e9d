import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  forwardRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ControlValueAccessor, FormControl, NG_VALUE_ACCESSOR, ReactiveFormsModule } from '@angular/forms';
import { describeFailure, FailureReasons } from '@derm/portal/core';
import { LabelledField } from '@derm/portal/ui';
import { PATIENT_SEARCH_MAX_LENGTH, PatientSummary } from '@derm/shared/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { PatientsApi } from '../data/patients-api.service';
import { patientChoices, patientLabel } from './patient-choices';

/** How many patients one search lists; when there are more, the hint asks for more of the name. */
const PATIENT_MATCHES = 20;
/** One search per pause in typing. */
const SEARCH_DEBOUNCE_MS = 250;
/** The same for a patient that does not exist and for another clinic's. */
const NOT_THIS_CLINICS: FailureReasons = { 404: 'not one of this clinic’s patients.' };

/** A search's text and what it found, or why it failed. */
interface PatientSearch {
  text: string;
  matches: PatientSummary[];
  failure?: string;
}

/**
 * A form control whose value is a patient's id ('' for none): a search box that finds patients by
 * name or MRN on the server, so a clinic of any size is never loaded whole, and a list of the first
 * matches, each with date of birth and MRN, so namesakes are told apart. The chosen patient stays
 * listed while searching again.
 */
@Component({
  selector: 'derm-patient-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  providers: [
    { provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => PatientPickerComponent), multi: true },
    // The list is what the label names, and what a booking without a patient marks and focuses.
    { provide: LabelledField, useExisting: forwardRef(() => PatientPickerComponent) },
  ],
  templateUrl: './patient-picker.component.html',
  styleUrl: './patient-picker.component.css',
})
export class PatientPickerComponent implements ControlValueAccessor, LabelledField {
  private readonly api = inject(PatientsApi);

  /** The list's id, for the page's `<label for>`; its test ids start with it too. */
  readonly inputId = input.required<string>();
  /** What the list says when no patient is chosen. */
  readonly noneLabel = input.required<string>();
  /** Whether "none" can be chosen back (a filter's "All patients"), or only shown until a choice (a booking). */
  readonly noneChoosable = input(false);

  protected readonly patientLabel = patientLabel;
  private readonly list = viewChild.required<ElementRef<HTMLSelectElement>>('list');
  protected readonly searchMaxLength = PATIENT_SEARCH_MAX_LENGTH;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly choice = new FormControl('', { nonNullable: true });
  /**
   * What the search found, and for which text: before anything is typed, the first patients by name.
   * A search that failed says why: "no patient matches" would tell the front desk a patient is not
   * the clinic's when the server was only out of reach.
   */
  private readonly found = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(SEARCH_DEBOUNCE_MS),
      map((text) => text.trim()),
      startWith(''),
      distinctUntilChanged(),
      switchMap((text) =>
        this.api.list(text, PATIENT_MATCHES).pipe(
          map(({ items }): PatientSearch => ({ text, matches: items })),
          catchError((error: unknown) =>
            of<PatientSearch>({ text, matches: [], failure: describeFailure(error, 'search the patients') }),
          ),
        ),
      ),
    ),
    { initialValue: { text: '', matches: [] } as PatientSearch },
  );
  /** Why an id given from elsewhere (the address) chose no one; gone with the next search or choice. */
  private readonly unknownChoice = signal<string | null>(null);
  protected readonly hint = computed(() => {
    const { text, matches, failure } = this.found();
    if (failure) return failure;
    const unknown = this.unknownChoice();
    if (unknown) return unknown;
    if (matches.length >= PATIENT_MATCHES) return `The first ${PATIENT_MATCHES} by name: type more to narrow them.`;
    return text && matches.length === 0 ? `No patient’s name or MRN matches “${text}”.` : '';
  });
  private readonly chosen = signal<PatientSummary | null>(null);
  /** The patient chosen (null for none), for a form that names its choice: "the booking of …". */
  readonly chosenPatient = this.chosen.asReadonly();
  protected readonly patients = computed(() => patientChoices(this.found().matches, this.chosen()));

  private changed: (id: string) => void = () => undefined;
  protected touched: () => void = () => undefined;

  constructor() {
    this.search.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.unknownChoice.set(null));
    this.choice.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => {
      if (id) this.unknownChoice.set(null);
      this.chosen.set(this.patients().find((patient) => patient.id === id) ?? null);
      this.changed(id);
    });
  }

  /**
   * From the form: a reset clears the search too; an id from elsewhere (the address) is looked up
   * to be listed, and one that cannot be is no choice: the form would otherwise send an id the list
   * does not show, and be refused.
   */
  writeValue(id: string | null): void {
    this.unknownChoice.set(null);
    this.choice.setValue(id ?? '', { emitEvent: false });
    if (!id) {
      this.chosen.set(null);
      this.search.setValue('');
      return;
    }
    const listed = this.patients().find((patient) => patient.id === id);
    if (listed) {
      this.chosen.set(listed);
      return;
    }
    this.api.get(id).subscribe({
      next: (patient) => {
        if (this.choice.value === id) this.chosen.set(patient);
      },
      error: (error: unknown) => {
        if (this.choice.value !== id) return;
        this.choice.setValue('');
        this.unknownChoice.set(describeFailure(error, 'choose the patient asked for', NOT_THIS_CLINICS));
      },
    });
  }

  labelledElement(): HTMLElement {
    return this.list().nativeElement;
  }

  registerOnChange(changed: (id: string) => void): void {
    this.changed = changed;
  }

  registerOnTouched(touched: () => void): void {
    this.touched = touched;
  }

  setDisabledState(disabled: boolean): void {
    for (const control of [this.search, this.choice]) {
      if (disabled) control.disable({ emitEvent: false });
      else control.enable({ emitEvent: false });
    }
  }
}
