import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ClinicTimePipe, liveCollection } from '@derm/portal/core';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { PatientSummary, PatientViewAuditEntry, StaffMember } from '@derm/shared/contracts';
import { catchError, of } from 'rxjs';
import { describeError } from '../data/describe-error';
import { PatientsApi, PatientViewAuditFilters } from '../data/patients-api.service';
import { toAuditFilters } from './audit-filters';
import { sessionLabel, viewDuration } from './audit-labels';

/**
 * Admins: who opened which chart, when, and for how long. Each set of filters loads afresh: a
 * placeholder stands in for the rows meanwhile, never the previous filters' rows.
 */
@Component({
  selector: 'derm-patient-view-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, LoadingPlaceholderComponent, ReactiveFormsModule],
  templateUrl: './patient-view-audit-page.component.html',
  styleUrl: './patient-view-audit-page.component.css',
})
export class PatientViewAuditPage {
  private readonly api = inject(PatientsApi);

  protected readonly form = inject(NonNullableFormBuilder).group({ patientId: '', userId: '', from: '', to: '' });
  protected readonly filters = signal<PatientViewAuditFilters>({});
  private readonly views = liveCollection<PatientViewAuditEntry[], PatientViewAuditEntry[], PatientViewAuditFilters>({
    initial: [],
    key: toObservable(this.filters),
    load: (filters) => this.api.patientViews(filters),
    loaded: (_, entries) => entries,
  });
  protected readonly entries = this.views.value;
  protected readonly loading = this.views.loading;
  protected readonly error = computed(() => {
    const error = this.views.error();
    return error === null ? null : describeError(error, 'load the audit');
  });
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

  protected apply(): void {
    this.filters.set(toAuditFilters(this.form.getRawValue()));
  }

  protected clear(): void {
    this.form.reset();
    this.filters.set({});
  }
}
