import { TenantEvent } from '@derm/api/events';
import { EventActor, ThreadParticipant } from '@derm/shared/contracts';

/** A thread was started: everyone in it (`participants`, its starter too) lists it at once. */
export class ThreadCreated extends TenantEvent {
  constructor(
    tenantId: string,
    actor: EventActor,
    readonly threadId: string,
    readonly participants: readonly ThreadParticipant[],
  ) {
    super(tenantId, actor);
  }
}
