import { TenantEvent } from '@derm/api/events';
import { EventActor, NotificationView } from '@derm/shared/contracts';

export class NotificationCreated extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor | undefined,
    readonly notification: NotificationView,
    readonly recipientIds: readonly string[],
    /** Delivered to the tenant room rather than to each recipient's user room. */
    readonly wholeClinic: boolean,
    /** Each recipient's unread count after this notification. */
    readonly unreadCounts: ReadonlyMap<string, number>,
  ) {
    super(tenantId, actor);
  }
}
