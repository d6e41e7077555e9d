import { AlertEscalatedData, AlertRecipientStatus, AlertStatusData, AlertSummary } from '@derm/shared/contracts';

export type RecipientState = 'acknowledged' | 'delivered' | 'sent';

export const RECIPIENT_STATE_LABELS: Record<RecipientState, string> = {
  acknowledged: 'Acknowledged',
  delivered: 'Delivered, not acknowledged',
  sent: 'Not yet delivered',
};

export function recipientState(recipient: AlertRecipientStatus): RecipientState {
  if (recipient.acknowledgedAt) return 'acknowledged';
  return recipient.deliveredAt ? 'delivered' : 'sent';
}

export function acknowledgedCount(alert: AlertSummary): number {
  return alert.recipients.filter((recipient) => recipient.acknowledgedAt).length;
}

/**
 * One recipient's new status from `alert:status`, for the alert it names. Acknowledging is final,
 * so an older status never replaces an acknowledged one: applying it twice, or late, changes nothing.
 */
export const withRecipientStatus =
  ({ alertId, recipient }: AlertStatusData) =>
  (alert: AlertSummary | null): AlertSummary | null => {
    if (alert?.id !== alertId) return alert;
    const recipients = alert.recipients.map((current) =>
      current.userId === recipient.userId && !current.acknowledgedAt ? recipient : current,
    );
    return { ...alert, recipients };
  };

/** `alert:escalated`, on the alert it names: an alert escalates once, so applying it again changes nothing. */
export const withEscalation =
  ({ alertId, escalatedAt }: AlertEscalatedData) =>
  (alert: AlertSummary | null): AlertSummary | null =>
    alert?.id === alertId && !alert.escalatedAt ? { ...alert, escalatedAt } : alert;
