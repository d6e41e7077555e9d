import type { ListPage } from '@derm/portal/core';
import { AlertEscalatedData, AlertStatusData, AlertSummary } from '@derm/shared/contracts';
import { withEscalation, withRecipientStatus } from './alert-progress';

/** The alerts the Alerts page shows, and the cursor of the page after them. */
export type AlertList = ListPage<AlertSummary>;

export const isListed = (list: AlertList, alertId: string): boolean => list.items.some(({ id }) => id === alertId);

/** The API's order: newest first, the id (ascending) breaking ties. */
export function newestFirst(a: AlertSummary, b: AlertSummary): number {
  const [at, bt] = [Date.parse(a.createdAt), Date.parse(b.createdAt)];
  return at !== bt ? bt - at : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A change of one alert, on the list if it shows that alert; otherwise the list as it is. */
const onListed =
  (alertId: string, change: (alert: AlertSummary) => AlertSummary | null) =>
  (list: AlertList): AlertList =>
    isListed(list, alertId) ? { ...list, items: list.items.map((alert) => change(alert) ?? alert) } : list;

/** One recipient's new status from `alert:status`; applying it twice, or late, changes nothing more. */
export const withAlertStatus = (status: AlertStatusData) => onListed(status.alertId, withRecipientStatus(status));

/** `alert:escalated`: the alert went on to the admins. */
export const withAlertEscalated = (escalation: AlertEscalatedData) =>
  onListed(escalation.alertId, withEscalation(escalation));

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
