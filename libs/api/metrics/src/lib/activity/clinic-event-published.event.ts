import { TenantEvent } from '@derm/api/events';
import { DomainEventName } from '@derm/shared/contracts';

/** A domain event went out to a clinic's sockets (through any node's broadcaster, counted once by it). */
export class ClinicEventPublished extends TenantEvent {
  constructor(
    tenantId: string,
    readonly type: DomainEventName,
  ) {
    super(tenantId);
  }
}
