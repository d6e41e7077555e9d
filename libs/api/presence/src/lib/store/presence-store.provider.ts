import { Provider } from '@nestjs/common';
import { InMemoryPresenceStore } from './in-memory-presence.store';
import { PresenceNode } from './presence-node';
import { PRESENCE_STORE, PresenceStore } from './presence-store';

/** The one place that picks the deployment's store; a shared one replaces this for several nodes. */
export const presenceStoreProvider: Provider<PresenceStore> = {
  provide: PRESENCE_STORE,
  inject: [PresenceNode],
  useFactory: (node: PresenceNode): PresenceStore => new InMemoryPresenceStore({ ttlMs: node.ttlMs }),
};
