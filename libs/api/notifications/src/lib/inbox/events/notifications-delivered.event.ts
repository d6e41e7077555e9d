import { TenantEvent } from '@derm/api/events';

/** One recipient's copy of one notification. */
export interface DeliveredCopy {
  recipientId: string;
  notificationId: string;
}

/** Notices that need an ack reached their recipients for the first time (a screen, or the inbox list). */
export class NotificationsDelivered extends TenantEvent {
  constructor(
    tenantId: string,
    readonly copies: readonly DeliveredCopy[],
  ) {
    super(tenantId);
  }
}
