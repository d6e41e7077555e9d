import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { RouterLink, RouterOutlet } from '@angular/router';
import { AuthSession, ClinicTimePipe, ConnectionService, describeFailure, liveCollection } from '@derm/portal/core';
import { describeViewingRefusal, PatientViewingService } from '@derm/portal/presence';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { PatientSummary } from '@derm/shared/contracts';
import { PatientsApi } from '../data/patients-api.service';

/**
 * One patient's chart page: viewing starts on open, stops on leave, and shows who else is here.
 * While a chart loads (another patient, or the same one re-synced), placeholders stand in for the
 * patient and for who is viewing: never the previous patient's.
 */
@Component({
  selector: 'derm-patient-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, LoadingPlaceholderComponent, RouterLink, RouterOutlet],
  templateUrl: './patient-page.component.html',
  styleUrl: './patient-page.component.css',
})
export class PatientPage {
  private readonly api = inject(PatientsApi);
  private readonly session = inject(AuthSession);
  /** Who else is viewing is live-only: greyed out, as the last known, while not connected. */
  private readonly connectionStatus = inject(ConnectionService).status;
  protected readonly live = computed(() => this.connectionStatus().state === 'connected');

  /** The `:id` route parameter. */
  readonly id = input.required<string>();
  /** The outlets of the sections other libraries show on the chart (route data, from `patientsRoutes`). */
  readonly chartSections = input<readonly string[]>([]);

  private readonly chart = liveCollection<PatientSummary | null, PatientSummary, string>({
    initial: null,
    key: toObservable(this.id),
    load: (id) => this.api.get(id),
    loaded: (_, patient) => patient,
  });
  protected readonly patient = this.chart.value;
  protected readonly loading = this.chart.loading;
  protected readonly error = computed(() => {
    const error = this.chart.error();
    return error === null ? null : describeFailure(error, 'open this patient');
  });
  /** Admins can follow the chart to the audit of who opened it. */
  protected readonly canAudit = computed(() => this.session.user()?.role === 'admin');
  // Viewing starts with the page and stops when it goes or shows another chart.
  private readonly viewers = inject(PatientViewingService).viewersOf(toObservable(this.id));
  protected readonly viewersLoading = this.viewers.loading;
  /** A refused view lists nobody: saying why, rather than that no one else has the chart open. */
  protected readonly viewingError = computed(() => {
    const error = this.viewers.error();
    return error === null ? null : describeViewingRefusal(error);
  });
  protected readonly alsoViewing = computed(() => {
    const me = this.session.user()?.id;
    return this.viewers.value().filter((viewer) => viewer.userId !== me);
  });
}
