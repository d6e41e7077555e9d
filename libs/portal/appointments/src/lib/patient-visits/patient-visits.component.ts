import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ClinicClock, ClinicTimePipe, describeFailure, liveCollection, ROLE_MAY_NOT } from '@derm/portal/core';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { AppointmentSummary, calendarDayIn } from '@derm/shared/contracts';
import { AppointmentChanges } from '../data/appointment-changes.service';
import { AppointmentsApi } from '../data/appointments-api.service';
import { VersionsSeen } from '../data/versions-seen';
import { APPOINTMENT_TYPE_LABELS } from '../schedule/appointment-labels';
import { AppointmentStatusComponent } from '../schedule/appointment-status.component';
import { visitsOf } from './patient-visits-filter';

/**
 * A patient's visits from today on, for the chart page: loaded over REST and kept current by the
 * same `appointment:*` events as the schedule, so a booking, move or check-in anywhere in the
 * clinic shows here at once.
 */
@Component({
  selector: 'derm-patient-visits',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppointmentStatusComponent, ClinicTimePipe, LoadingPlaceholderComponent, RouterLink],
  templateUrl: './patient-visits.component.html',
  styleUrl: './patient-visits.component.css',
})
export class PatientVisitsComponent {
  private readonly api = inject(AppointmentsApi);
  private readonly clock = inject(ClinicClock);
  protected readonly typeLabels = APPOINTMENT_TYPE_LABELS;

  /** The patient's id: the chart route's `:id`. */
  readonly id = input.required<string>();

  /**
   * Outlives the loads (a re-sync, another patient's chart and back), as the schedule's: what a
   * load no longer lists, such as a visit moved before today, is still known at its newest version.
   */
  private readonly versions = new VersionsSeen();
  private readonly visits = liveCollection<AppointmentSummary[], AppointmentSummary[], string>({
    initial: [],
    key: toObservable(this.id),
    load: (id) => this.api.visitsOf(id),
    loaded: (_, list) => this.versions.loaded(list),
  });
  /** What the API listed, less the visits of a day gone by since: a chart left open past midnight. */
  private readonly shown = computed(() => visitsOf(this.id(), this.clock.today(), this.clock.timeZone()));
  protected readonly list = computed(() => this.visits.value().filter(this.shown()));
  protected readonly loading = this.visits.loading;
  protected readonly error = computed(() => {
    const failed = this.visits.error();
    return failed ? describeFailure(failed, 'load the visits', ROLE_MAY_NOT) : null;
  });

  constructor() {
    inject(AppointmentChanges)
      .changes$.pipe(takeUntilDestroyed())
      .subscribe(({ appointmentId, version, change }) => {
        // Not one at a version already seen, whatever loads came in between.
        const newer = this.versions.guard(appointmentId, version, change);
        const shown = this.shown();
        this.visits.apply((list) => newer(list, shown) ?? list);
      });
  }

  /** The visit's day on the schedule (`?date=`; none for today, as the schedule's own address). */
  protected scheduleDay(visit: AppointmentSummary): string | null {
    const day = calendarDayIn(new Date(visit.startsAt), this.clock.timeZone());
    return day === this.clock.today() ? null : day;
  }
}
