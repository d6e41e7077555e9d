import { TenantEvent } from '@derm/api/events';
import { EventActor } from '@derm/shared/contracts';

export class MessageRead extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly threadId: string,
    readonly messageId: string,
    readonly readerId: string,
    readonly readAt: Date,
    readonly participantIds: readonly string[],
  ) {
    super(tenantId, actor);
  }
}
