import { resolve } from 'node:path';
import { EventActor } from '@derm/shared/contracts';
import { ApiServer, ApiServerOptions, freePort, startApiServer } from '@derm/shared/test-client';

const PRELOAD = resolve(__dirname, 'domain-event-probe.preload.js');

/** The fields of a domain event as its class holds them: the tenant, the actor, then its own. */
export type DomainEventFields = { tenantId: string; actor?: EventActor } & Record<string, unknown>;

export interface DomainEventProbe {
  /** Publishes an event of the class named `type` through the app's DomainEvents. */
  publish(type: string, fields: DomainEventFields): Promise<void>;
}

/**
 * The built API with a probe that publishes domain events inside it, for an event whose service
 * action is not written yet: what follows (gateway, broadcaster, rooms, sockets) is the real path.
 */
export async function startApiServerWithProbe(
  options: ApiServerOptions = {},
): Promise<{ server: ApiServer; probe: DomainEventProbe }> {
  const probePort = await freePort();
  const nodeOptions = [process.env['NODE_OPTIONS'], `--require "${PRELOAD}"`].filter(Boolean).join(' ');
  const server = await startApiServer({
    ...options,
    env: { ...options.env, NODE_OPTIONS: nodeOptions, DOMAIN_EVENT_PROBE_PORT: String(probePort) },
  });
  const probe: DomainEventProbe = {
    publish: async (type, fields) => {
      const response = await fetch(`http://127.0.0.1:${probePort}/`, {
        method: 'POST',
        body: JSON.stringify({ type, fields }),
      });
      if (response.status !== 204) throw new Error(`The probe refused ${type}: ${await response.text()}`);
    },
  };
  return { server, probe };
}
