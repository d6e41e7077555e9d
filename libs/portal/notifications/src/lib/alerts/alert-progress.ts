import { AlertRecipientStatus, AlertSummary } from '@derm/shared/contracts';

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

export function everyoneAcknowledged(alert: AlertSummary): boolean {
  return acknowledgedCount(alert) === alert.recipients.length;
}
