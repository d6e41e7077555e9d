import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { emptyListPage, liveCollection, missingItems, nextPages } from '@derm/portal/core';
import { map, merge } from 'rxjs';
import { AlertsApi } from '../data/alerts-api.service';
import { NotificationEvents } from '../data/notification-events.service';
import { AlertList, isListed, withAlertEscalated, withAlertStatus, withNewAlert } from './alert-list-state';

/**
 * The Alerts page's list: the caller's alerts (an admin's: the clinic's), newest first, a page at
 * a time with older ones on request; loaded again after a reconnection that lost events. Kept
 * current by `alert:sent`, `alert:status` and `alert:escalated`, which reach exactly the people
 * who may list the alert (its sender and the admins): a sent alert is put in its place; a change
 * to one the list lacks (sent while this tab was away) has it read once and put in its place,
 * with the changes heard while it was on its way.
 */
@Injectable()
export class RecentAlertsStore {
  private readonly api = inject(AlertsApi);
  private readonly list = liveCollection<AlertList, AlertList>({
    initial: emptyListPage(),
    load: () => this.api.recent(),
    loaded: (_, page) => page,
  });
  /** An alert a change names that the list lacks is read and put in its place. */
  private readonly changes = missingItems(this.list, {
    holds: isListed,
    read: (alertId) => this.api.status(alertId),
    insert: withNewAlert,
  });

  readonly alerts = this.list.value;
  readonly loading = this.list.loading;
  readonly error = this.list.error;
  readonly older = nextPages(this.list, (cursor) => this.api.recent(cursor));

  constructor() {
    const events = inject(NotificationEvents);
    events.alertSent$.pipe(takeUntilDestroyed()).subscribe(({ data }) => this.list.apply(withNewAlert(data.alert)));
    merge(
      events.alertStatus$.pipe(map(({ data }) => ({ alertId: data.alertId, change: withAlertStatus(data) }))),
      events.alertEscalated$.pipe(map(({ data }) => ({ alertId: data.alertId, change: withAlertEscalated(data) }))),
    )
      .pipe(takeUntilDestroyed())
      .subscribe(({ alertId, change }) => this.changes.heard(alertId, change));
  }
}
