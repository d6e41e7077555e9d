import { EventActor, NotificationKind, NotificationPriority, NotificationSender } from '@derm/shared/contracts';

/** Named staff of the clinic, or all of it (announcements: one broadcast to the tenant room). */
export type NotificationRecipients = { userIds: readonly string[] } | { wholeClinic: true };

/** What a service asks {@link NotificationsService.notify} to deliver. */
export interface NotificationRequest {
  tenantId: string;
  to: NotificationRecipients;
  kind: NotificationKind;
  /** Short and free of clinical content: names and what happened, never values or notes. */
  title: string;
  body?: string;
  priority: NotificationPriority;
  /** A portal route, e.g. `/patients/<id>`. */
  link?: string;
  /** Defaults to true for `urgent-alert`, false otherwise. */
  requiresAck?: boolean;
  actor?: EventActor;
  /** Shown with the notice (the urgent alert modal says who sent it); none for system notices. */
  sender?: NotificationSender;
  /** For callers that keep a reference to the notification (alerts); otherwise one is made. */
  id?: string;
}

export interface SentNotification {
  id: string;
  /** Who got it: unknown ids and staff of other clinics are dropped. */
  recipientIds: string[];
}
