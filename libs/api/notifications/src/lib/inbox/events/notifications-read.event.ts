import { TenantEvent } from '@derm/api/events';

/** One user read some of their notifications (on any tab): the others follow. */
export class NotificationsRead extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly ids: readonly string[],
    readonly unreadCount: number,
  ) {
    super(tenantId);
  }
}
