import { TenantEvent } from '@derm/api/events';
import { UnreadMessagesCount } from '@derm/shared/contracts';

/** One person's unread messages changed: a new message for them, or they read some. */
export class UnreadCountChanged extends TenantEvent {
  constructor(
    tenantId: string,
    readonly userId: string,
    readonly unread: UnreadMessagesCount,
  ) {
    super(tenantId);
  }
}
