import { TenantEvent } from '@derm/api/events';
import { ChatMessage, EventActor, ThreadParticipant } from '@derm/shared/contracts';

/** Someone left a thread: who remains (`participants`) and the one who left (`leftId`) follow. */
export class ParticipantLeft extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly threadId: string,
    readonly participants: readonly ThreadParticipant[],
    readonly leftId: string,
    readonly note: ChatMessage,
  ) {
    super(tenantId, actor);
  }
}
