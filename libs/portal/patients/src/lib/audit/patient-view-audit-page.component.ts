import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { PatientSummary, PatientViewAuditEntry, StaffMember } from '@derm/shared/contracts';
import { catchError, EMPTY, of, switchMap, tap } from 'rxjs';
import { describeError } from '../data/describe-error';
import { PatientsApi, PatientViewAuditFilters } from '../data/patients-api.service';
import { toAuditFilters } from './audit-filters';
import { ClinicTimePipe } from '@derm/portal/core';
import { sessionLabel, viewDuration } from './audit-labels';

/** Admins: who opened which chart, when, and for how long. */
@Component({
  selector: 'derm-patient-view-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, ReactiveFormsModule],
  templateUrl: './patient-view-audit-page.component.html',
  styleUrl: './patient-view-audit-page.component.css',
})
export class PatientViewAuditPage {
  private readonly api = inject(PatientsApi);

  protected readonly form = inject(NonNullableFormBuilder).group({ patientId: '', userId: '', from: '', to: '' });
  protected readonly filters = signal<PatientViewAuditFilters>({});
  protected readonly entries = signal<PatientViewAuditEntry[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly patients = toSignal(this.api.list().pipe(catchError(() => of<PatientSummary[]>([]))), {
    initialValue: [],
  });
  protected readonly staff = toSignal(this.api.staff().pipe(catchError(() => of<StaffMember[]>([]))), {
    initialValue: [],
  });
  protected readonly sessionLabel = sessionLabel;
  protected readonly duration = viewDuration;
  protected readonly patientNames = computed(
    () => new Map(this.patients().map((patient) => [patient.id, patient.displayName])),
  );

  constructor() {
    toObservable(this.filters)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((filters) =>
          this.api.patientViews(filters).pipe(
            catchError((error: unknown) => {
              this.loading.set(false);
              this.error.set(describeError(error, 'load the audit'));
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((entries) => {
        this.entries.set(entries);
        this.loading.set(false);
      });
  }

  protected apply(): void {
    this.filters.set(toAuditFilters(this.form.getRawValue()));
  }

  protected clear(): void {
    this.form.reset();
    this.filters.set({});
  }
}
