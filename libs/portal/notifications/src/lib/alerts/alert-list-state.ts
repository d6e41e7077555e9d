import type { ListPage } from '@derm/portal/core';
import { AlertStatusData, AlertSummary } from '@derm/shared/contracts';
import { withRecipientStatus } from './alert-progress';

/** The alerts the Alerts page shows, and the cursor of the page after them. */
export type AlertList = ListPage<AlertSummary>;

export const isListed = (list: AlertList, alertId: string): boolean => list.items.some(({ id }) => id === alertId);

/** The API's order: newest first, the id (ascending) breaking ties. */
export function newestFirst(a: AlertSummary, b: AlertSummary): number {
  const [at, bt] = [Date.parse(a.createdAt), Date.parse(b.createdAt)];
  return at !== bt ? bt - at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One recipient's new status from `alert:status`, on the listed alert it names; an alert not
 * listed leaves the list as it is. Applying it twice, or late, changes nothing more.
 */
export const withAlertStatus =
  (status: AlertStatusData) =>
  (list: AlertList): AlertList => {
    if (!isListed(list, status.alertId)) return list;
    const change = withRecipientStatus(status);
    return { ...list, items: list.items.map((alert) => change(alert) ?? alert) };
  };

/**
 * An alert heard of live that the list lacks (sent since it loaded), in the API's order. One that
 * sorts after every alert shown while older ones remain to be read is left for its page, which
 * the next "Show older alerts" reads after the last one shown; a listed alert keeps its listed state.
 */
export const withNewAlert =
  (alert: AlertSummary) =>
  (list: AlertList): AlertList => {
    if (isListed(list, alert.id)) return list;
    const last = list.items.at(-1);
    const belowShown = list.nextCursor !== null && (!last || newestFirst(alert, last) > 0);
    return belowShown ? list : { ...list, items: [...list.items, alert].sort(newestFirst) };
  };
