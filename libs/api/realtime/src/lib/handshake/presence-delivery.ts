import type { PresenceDelivery } from '@derm/shared/contracts';

/** How a handshake asked to hear presence (`auth.presence`, checked by the authenticator): `each` unless it said `batched`. */
export const presenceDeliveryOf = (auth: unknown): PresenceDelivery =>
  (auth as { presence?: unknown } | undefined)?.presence === 'batched' ? 'batched' : 'each';
