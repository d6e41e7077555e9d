import { TenantEvent } from '@derm/api/events';

/** A clinic's count of domain events in one minute grew; `count` is the total so far (over the cluster with Redis). */
export class ClinicMinuteCounted extends TenantEvent {
  constructor(
    tenantId: string,
    readonly minute: number,
    readonly count: number,
  ) {
    super(tenantId);
  }
}
