import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { emptyListPage, liveCollection, nextPages } from '@derm/portal/core';
import { AlertStatusData, AlertSummary } from '@derm/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { AlertsApi } from '../data/alerts-api.service';
import { NotificationEvents } from '../data/notification-events.service';
import { AlertList, isListed, withAlertStatus, withNewAlert } from './alert-list-state';

/**
 * The Alerts page's list: the caller's alerts (an admin's: the clinic's), newest first, a page at
 * a time with older ones on request; loaded again after a reconnection that lost events. Kept
 * current by `alert:status`, which reaches exactly the people who may list the alert (its sender
 * and the admins): an alert it names that the list lacks was sent since, and is read once and
 * put in its place, with the changes heard while it was on its way.
 */
@Injectable()
export class RecentAlertsStore {
  private readonly api = inject(AlertsApi);
  private readonly list = liveCollection<AlertList, AlertList>({
    initial: emptyListPage(),
    load: () => this.api.recent(),
    loaded: (_, page) => page,
  });
  /** Alerts being read because a change named them, with the changes heard meanwhile. */
  private readonly reading = new Map<string, AlertStatusData[]>();

  readonly alerts = this.list.value;
  readonly loading = this.list.loading;
  readonly error = this.list.error;
  readonly older = nextPages(this.list, (cursor) => this.api.recent(cursor));

  constructor() {
    inject(NotificationEvents)
      .alertStatus$.pipe(takeUntilDestroyed())
      .subscribe(({ data }) => this.heard(data));
  }

  private heard(status: AlertStatusData): void {
    this.list.apply(withAlertStatus(status));
    const waiting = this.reading.get(status.alertId);
    if (waiting) waiting.push(status);
    else if (!isListed(this.list.value(), status.alertId)) void this.readNew(status.alertId);
  }

  private async readNew(alertId: string): Promise<void> {
    const sameUser = this.list.forCurrentUser();
    this.reading.set(alertId, []);
    try {
      const alert: AlertSummary = await firstValueFrom(this.api.status(alertId));
      if (!sameUser()) return;
      this.list.apply(withNewAlert(alert));
      for (const status of this.reading.get(alertId) ?? []) this.list.apply(withAlertStatus(status));
    } catch {
      // Not to be had now: the next load of the list has it.
    } finally {
      this.reading.delete(alertId);
    }
  }
}
