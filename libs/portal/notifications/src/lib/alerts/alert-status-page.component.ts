import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { AlertSummary } from '@derm/shared/contracts';
import { ClinicTimePipe, describeFailure, liveCollection } from '@derm/portal/core';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { AlertsApi } from '../data/alerts-api.service';
import { NotificationEvents } from '../data/notification-events.service';
import {
  acknowledgedCount,
  RECIPIENT_STATE_LABELS,
  recipientState,
  withEscalation,
  withRecipientStatus,
} from './alert-progress';

/**
 * Who has acknowledged an alert, for its sender and the admins: loaded once, then kept live by
 * `alert:status` and `alert:escalated`. While an alert loads, a placeholder stands in for it (never another alert's).
 */
@Component({
  selector: 'derm-alert-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, LoadingPlaceholderComponent, RouterLink],
  templateUrl: './alert-status-page.component.html',
  styleUrl: './alert-status-page.component.css',
})
export class AlertStatusPage {
  private readonly api = inject(AlertsApi);

  /** From the route (`/alerts/:id`). */
  readonly id = input.required<string>();

  private readonly status = liveCollection<AlertSummary | null, AlertSummary, string>({
    initial: null,
    key: toObservable(this.id),
    load: (id) => this.api.status(id),
    loaded: (_, alert) => alert,
  });
  protected readonly alert = this.status.value;
  protected readonly loading = this.status.loading;
  protected readonly error = computed(() => {
    const error = this.status.error();
    return error === null
      ? null
      : describeFailure(error, 'load the alert', { 403: 'only the sender and admins may see this.' });
  });
  protected readonly stateOf = recipientState;
  protected readonly stateLabels = RECIPIENT_STATE_LABELS;
  protected readonly acknowledgedCount = acknowledgedCount;

  constructor() {
    const events = inject(NotificationEvents);
    events.alertStatus$
      .pipe(takeUntilDestroyed())
      .subscribe(({ data }) => this.status.apply(withRecipientStatus(data)));
    events.alertEscalated$.pipe(takeUntilDestroyed()).subscribe(({ data }) => this.status.apply(withEscalation(data)));
  }
}
