import { TenantEvent } from '@derm/api/events';

/**
 * One user read some of their notifications (on any tab): the others follow. Named by `ids`, or,
 * for mark all read, by `allUpTo`: every one created up to then that asks for no acknowledgement.
 */
export class NotificationsRead extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly ids: readonly string[],
    readonly unreadCount: number,
    readonly allUpTo?: Date,
  ) {
    super(tenantId);
  }
}
