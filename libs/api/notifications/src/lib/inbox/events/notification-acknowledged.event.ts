import { TenantEvent } from '@derm/api/events';

/** A recipient acknowledged a notification (an urgent alert); it is read from then on, too. */
export class NotificationAcknowledged extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly notificationId: string,
    readonly unreadCount: number,
  ) {
    super(tenantId);
  }
}
