import { randomUUID } from 'node:crypto';
import { TenantEvent } from '@derm/api/events';
import { HandshakeRefusal } from '@derm/shared/contracts';

/** A handshake refused after its token verified, so it names the clinic and person it came from. */
export class HandshakeRefused extends TenantEvent {
  readonly id = randomUUID();

  constructor(
    tenantId: string,
    readonly code: HandshakeRefusal,
    readonly userId: string,
    readonly name: string,
  ) {
    super(tenantId);
  }
}
