import { inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { emptyListPage, LiveChange, liveCollection, nextPages } from '@derm/portal/core';
import { firstValueFrom, map, merge } from 'rxjs';
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
  /** Alerts being read because a change named them, with the changes heard meanwhile. */
  private readonly reading = new Map<string, LiveChange<AlertList>[]>();

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
      .subscribe(({ alertId, change }) => this.heard(alertId, change));
  }

  private heard(alertId: string, change: LiveChange<AlertList>): void {
    this.list.apply(change);
    const waiting = this.reading.get(alertId);
    if (waiting) waiting.push(change);
    else if (!isListed(this.list.value(), alertId)) void this.readNew(alertId);
  }

  private async readNew(alertId: string): Promise<void> {
    const sameUser = this.list.forCurrentUser();
    this.reading.set(alertId, []);
    try {
      const alert = await firstValueFrom(this.api.status(alertId));
      if (!sameUser()) return;
      this.list.apply(withNewAlert(alert));
      for (const change of this.reading.get(alertId) ?? []) this.list.apply(change);
    } catch {
      // Not to be had now: the next load of the list has it.
    } finally {
      this.reading.delete(alertId);
    }
  }
}
