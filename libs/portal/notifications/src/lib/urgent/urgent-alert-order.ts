import { NotificationView } from '@derm/shared/contracts';

/** Whose alert it is, for taking turns: the sender, or the system for what no person sent. */
const senderOf = (alert: NotificationView) => alert.sender?.id ?? 'system';

/**
 * The alert to show next, of those waiting (oldest first): the oldest of the sender with the fewest
 * waiting. Many alerts from one colleague (a flood, or a script gone wrong) thus never hold back
 * another's: theirs shows as soon as the one on screen is acknowledged, not after all the others.
 */
export function nextUrgentAlert(waiting: readonly NotificationView[]): NotificationView | null {
  const waitingPerSender = new Map<string, number>();
  for (const alert of waiting) waitingPerSender.set(senderOf(alert), (waitingPerSender.get(senderOf(alert)) ?? 0) + 1);
  const waitingFrom = (alert: NotificationView) => waitingPerSender.get(senderOf(alert)) ?? 0;
  let next: NotificationView | null = null;
  for (const alert of waiting) {
    if (next === null || waitingFrom(alert) < waitingFrom(next)) next = alert;
  }
  return next;
}
