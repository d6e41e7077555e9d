export const NOTIFICATION_KINDS = [
  'general',
  'task-assigned',
  'prior-auth-status',
  'lab-result-ready',
  'urgent-alert',
  'announcement',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  priority: NotificationPriority;
  /** A portal route, e.g. `/patients/123`. */
  link?: string;
  createdAt: string;
  requiresAck: boolean;
  readAt?: string;
  acknowledgedAt?: string;
}

export interface NotificationList {
  items: NotificationView[];
  unreadCount: number;
}

export interface NotificationNewData {
  notification: NotificationView;
}
export interface NotificationUnreadCount {
  count: number;
}
export interface NotificationReadSync {
  ids: string[];
}

export interface MarkNotificationsReadCommand {
  ids: string[];
}
export interface MarkNotificationsReadResult {
  count: number;
}
export interface AcknowledgeNotificationCommand {
  id: string;
}

export const PRIOR_AUTH_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'denied',
  'more-info-needed',
] as const;
export type PriorAuthStatus = (typeof PRIOR_AUTH_STATUSES)[number];

export interface AlertRecipients {
  userIds?: string[];
  role?: string;
  everyone?: boolean;
}
export interface SendAlertRequest {
  title: string;
  body?: string;
  to: AlertRecipients;
}
export interface AlertRecipientStatus {
  userId: string;
  name: string;
  deliveredAt?: string;
  readAt?: string;
  acknowledgedAt?: string;
}
export interface AlertStatus {
  id: string;
  title: string;
  recipients: AlertRecipientStatus[];
  escalatedAt?: string;
}
