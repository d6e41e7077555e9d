import { NotificationEntity } from '@derm/api/notifications';
import { AlertRecipientStatus, AlertSummary, StaffMember } from '@derm/shared/contracts';
import { AlertEntity } from './alert.entity';

const iso = (date: Date | null) => (date ? date.toISOString() : undefined);

const toRecipientStatus = (copy: NotificationEntity, names: ReadonlyMap<string, string>): AlertRecipientStatus => {
  const times = {
    deliveredAt: iso(copy.deliveredAt),
    readAt: iso(copy.readAt),
    acknowledgedAt: iso(copy.acknowledgedAt),
  };
  return {
    userId: copy.recipientId,
    name: names.get(copy.recipientId) ?? 'Former staff member',
    ...Object.fromEntries(Object.entries(times).filter(([, value]) => value !== undefined)),
  };
};

/** `copies`: every recipient's notification of this alert. */
export const toAlertSummary = (
  alert: AlertEntity,
  copies: readonly NotificationEntity[],
  staff: readonly StaffMember[],
): AlertSummary => {
  const names = new Map(staff.map((member) => [member.id, member.name]));
  return {
    id: alert.id,
    title: alert.title,
    ...(alert.body ? { body: alert.body } : {}),
    sender: { id: alert.senderId, name: alert.senderName },
    createdAt: alert.createdAt.toISOString(),
    escalates: alert.escalates,
    recipients: copies.map((copy) => toRecipientStatus(copy, names)),
    ...(alert.escalatedAt ? { escalatedAt: alert.escalatedAt.toISOString() } : {}),
  };
};
