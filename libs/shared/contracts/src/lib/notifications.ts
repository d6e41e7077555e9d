import { IdempotentCommand } from './idempotency';
import { StaffRole } from './roles';

export const NOTIFICATION_KINDS = [
  'general',
  'task-assigned',
  'prior-auth-status',
  'lab-result-ready',
  'urgent-alert',
  'announcement',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The longest title and body a person may give an urgent alert or an announcement, in characters
 * (code points), as the inbox keeps them; the forms take no more.
 */
export const NOTIFICATION_TITLE_MAX_LENGTH = 200;
export const NOTIFICATION_BODY_MAX_LENGTH = 500;

export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];

/** Who sent a notification, as they were when they sent it. */
export interface NotificationSender {
  id: string;
  name: string;
  role: StaffRole;
}

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
  /** A person's notice (an urgent alert); absent for what the system sends. */
  sender?: NotificationSender;
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
/** Notifications of the person's that became read: named, or, for "mark all read", all up to an instant. */
export interface NotificationReadSync {
  ids: string[];
  /**
   * Mark all read (then `ids` is empty, whatever the backlog): every one of theirs created up to
   * this instant (ISO 8601) that asks for no acknowledgement is read.
   */
  allUpTo?: string;
}

export interface MarkNotificationsReadCommand {
  ids: string[];
}
export interface MarkNotificationsReadResult {
  count: number;
}
export interface AcknowledgeNotificationCommand extends IdempotentCommand {
  id: string;
}

export const PRIOR_AUTH_STATUSES = ['draft', 'submitted', 'approved', 'denied', 'more-info-needed'] as const;
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

/**
 * `alert:status`: one recipient's copy of an alert changed (it first reached them, or they
 * acknowledged it), for the alert's sender and the clinic's admins.
 */
export interface AlertStatusData {
  alertId: string;
  recipient: AlertRecipientStatus;
  acknowledgedCount: number;
  recipientCount: number;
}

/** `alert:sent`: an alert was sent, for its sender (every tab) and the clinic's admins. */
export interface AlertSentData {
  alert: AlertSummary;
}

/**
 * `alert:escalated`: an alert not acknowledged in time went on to the clinic's admins, for the
 * alert's sender and the clinic's admins (those who hear its `alert:status`).
 */
export interface AlertEscalatedData {
  alertId: string;
  /** ISO 8601 */
  escalatedAt: string;
}

/** `POST /api/notifications/read`: some notifications, or every one of the caller's. */
export type MarkNotificationsReadRequest = { ids: string[] } | { all: true };

export interface AlertSummary extends AlertStatus {
  body?: string;
  sender: { id: string; name: string };
  createdAt: string;
  /**
   * Whether it goes to the clinic's admins if not acknowledged in time (alerts to named people):
   * to those not themselves still waiting; with none left, it records no `escalatedAt`.
   */
  escalates: boolean;
}

export interface CreateTaskRequest {
  assigneeId: string;
  title: string;
  patientId?: string;
  /** An RFC 3339 date-time with `Z` or an offset, in the years 1900–9998. */
  dueAt?: string;
}
export interface TaskView {
  id: string;
  title: string;
  assigneeId: string;
  assigneeName: string;
  createdById: string;
  patientId?: string;
  dueAt?: string;
  createdAt: string;
}

export interface CreatePriorAuthRequest {
  patientId: string;
  providerId: string;
  procedure: string;
}
export interface UpdatePriorAuthRequest {
  status: Exclude<PriorAuthStatus, 'draft'>;
}
export interface PriorAuthView {
  id: string;
  patientId: string;
  patientName: string;
  providerId: string;
  procedure: string;
  status: PriorAuthStatus;
  createdAt: string;
  updatedAt: string;
}

/** A lab result is announced, never carried: no values ever leave the lab system through here. */
export interface CreateLabResultRequest {
  patientId: string;
  orderingProviderId: string;
  testName: string;
}
export interface LabResultView {
  id: string;
  patientId: string;
  patientName: string;
  orderingProviderId: string;
  testName: string;
  readyAt: string;
}

export interface CreateAnnouncementRequest {
  title: string;
  body: string;
}
export interface AnnouncementView {
  id: string;
  title: string;
  body: string;
  authorId: string;
  createdAt: string;
  recipients: number;
}
