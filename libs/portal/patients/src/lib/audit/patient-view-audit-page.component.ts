import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import {
  ClinicTimePipe,
  describeFailure,
  emptyListPage,
  FailureReasons,
  ListPage,
  liveCollection,
  nextPages,
} from '@derm/portal/core';
import { LoadingPlaceholderComponent, ShowMoreComponent } from '@derm/portal/ui';
import { PatientViewAuditEntry, StaffMember } from '@derm/shared/contracts';
import { catchError, of } from 'rxjs';
import { PatientsApi, PatientViewAuditFilters } from '../data/patients-api.service';
import { PatientPickerComponent } from '../picker/patient-picker.component';
import { toAuditFilters, toAuditForm } from './audit-filters';
import { sessionLabel, viewDuration } from './audit-labels';

/** Chart views a page shows; more come on request. */
const PAGE_SIZE = 100;
/** The server's 404 names the filter's id, which says nothing to a person. */
const NOT_THIS_CLINICS: FailureReasons = { 404: 'the patient or staff member asked for is not of this clinic.' };
const FILTER_NAMES = [
  'patientId',
  'userId',
  'from',
  'to',
] as const satisfies readonly (keyof PatientViewAuditFilters)[];

/**
 * Admins: who opened which chart, when, and for how long, newest first, a page at a time. The
 * filters live in the address (`?patientId=&userId=&from=&to=`), so a reload, the back button or a
 * link from a chart keeps them. Each set of filters loads afresh: a placeholder stands in for the
 * rows meanwhile, never the previous filters' rows.
 */
@Component({
  selector: 'derm-patient-view-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicTimePipe,
    LoadingPlaceholderComponent,
    PatientPickerComponent,
    ReactiveFormsModule,
    ShowMoreComponent,
  ],
  templateUrl: './patient-view-audit-page.component.html',
  styleUrl: './patient-view-audit-page.component.css',
})
export class PatientViewAuditPage {
  private readonly api = inject(PatientsApi);
  private readonly router = inject(Router);

  /** The address's filters, bound by the router. */
  readonly patientId = input<string>();
  readonly userId = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  private readonly filters = computed((): PatientViewAuditFilters => ({
    ...(this.patientId() ? { patientId: this.patientId() } : {}),
    ...(this.userId() ? { userId: this.userId() } : {}),
    ...(this.from() ? { from: this.from() } : {}),
    ...(this.to() ? { to: this.to() } : {}),
  }));

  protected readonly form = inject(NonNullableFormBuilder).group({ patientId: '', userId: '', from: '', to: '' });
  private readonly views = liveCollection<
    ListPage<PatientViewAuditEntry>,
    ListPage<PatientViewAuditEntry>,
    PatientViewAuditFilters
  >({
    initial: emptyListPage(),
    key: toObservable(this.filters),
    load: (filters) => this.api.patientViews(filters, PAGE_SIZE),
    loaded: (_, page) => page,
  });
  protected readonly entries = computed(() => this.views.value().items);
  protected readonly loading = this.views.loading;
  protected readonly older = nextPages(this.views, (cursor) =>
    this.api.patientViews(this.filters(), PAGE_SIZE, cursor),
  );
  protected readonly error = computed(() => {
    const error = this.views.error();
    return error === null ? null : describeFailure(error, 'load the audit', NOT_THIS_CLINICS);
  });
  protected readonly staff = toSignal(this.api.staff().pipe(catchError(() => of<StaffMember[]>([]))), {
    initialValue: [],
  });
  protected readonly sessionLabel = sessionLabel;
  protected readonly duration = viewDuration;

  constructor() {
    // The address leads; the form follows it.
    effect(() => this.form.reset(toAuditForm(this.filters())));
  }

  protected apply(): void {
    this.show(toAuditFilters(this.form.getRawValue()));
  }

  protected clear(): void {
    this.form.reset(toAuditForm({}));
    this.show({});
  }

  /** New filters go to the address; the same ones again read the audit afresh. */
  private show(filters: PatientViewAuditFilters): void {
    const current = this.filters();
    if (FILTER_NAMES.every((name) => filters[name] === current[name])) {
      this.views.reload();
      return;
    }
    const { patientId = null, userId = null, from = null, to = null } = filters;
    void this.router.navigate([], { queryParams: { patientId, userId, from, to } });
  }
}
