import { NotificationView } from '@derm/shared/contracts';
import { NotificationEntity } from './notification.entity';

export const toNotificationView = (row: NotificationEntity): NotificationView => ({
  id: row.notificationId,
  kind: row.kind,
  title: row.title,
  ...(row.body ? { body: row.body } : {}),
  priority: row.priority,
  ...(row.link ? { link: row.link } : {}),
  createdAt: row.createdAt.toISOString(),
  requiresAck: row.requiresAck,
  ...(row.readAt ? { readAt: row.readAt.toISOString() } : {}),
  ...(row.acknowledgedAt ? { acknowledgedAt: row.acknowledgedAt.toISOString() } : {}),
  ...(row.senderId && row.senderName && row.senderRole
    ? { sender: { id: row.senderId, name: row.senderName, role: row.senderRole } }
    : {}),
});
