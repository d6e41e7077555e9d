import { TenantEvent } from '@derm/api/events';
import { OperationsRefusal } from '@derm/shared/contracts';

/** A refused handshake is on its clinic's list: as an entry of its own, or counted into its person's entry for the same reason. */
export class RefusalRecorded extends TenantEvent {
  constructor(
    tenantId: string,
    readonly refusal: OperationsRefusal,
  ) {
    super(tenantId);
  }
}
