import { TenantEvent } from '@derm/api/events';
import { ChatMessage, EventActor } from '@derm/shared/contracts';

export class MessageSent extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly threadId: string,
    readonly message: ChatMessage,
    /** Everyone in the thread, the sender included: each of them gets the message. */
    readonly participantIds: readonly string[],
  ) {
    super(tenantId, actor);
  }
}
