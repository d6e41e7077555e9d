import { EventActor } from '@derm/shared/contracts';

/**
 * Base of every internal domain event a service publishes after persisting a change: it always
 * names its tenant, so the gateway that relays it cannot broadcast without one.
 */
export abstract class TenantEvent {
  readonly occurredAt = new Date();

  constructor(
    readonly tenantId: string,
    readonly actor?: EventActor,
  ) {}
}
