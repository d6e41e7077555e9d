import { TenantEvent } from '@derm/api/events';
import { ChatMessage, EventActor, ThreadParticipant } from '@derm/shared/contracts';

/** Colleagues joined a thread: everyone in it now (`participants`, the added too) follows. */
export class ParticipantsAdded extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly threadId: string,
    readonly participants: readonly ThreadParticipant[],
    readonly addedIds: readonly string[],
    readonly notes: readonly ChatMessage[],
  ) {
    super(tenantId, actor);
  }
}
