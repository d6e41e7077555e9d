import type { Definition, Schema } from 'ts-json-schema-generator';

export interface ContractSchemas {
  version: string;
  /** Schema of `ServerEventPayloadMap`: one property per server event. */
  serverEvents: Schema;
  /** Schema of `ClientCommandMap`: one property per command, with its payload and result. */
  commands: Schema;
  commandError: Schema;
  /** How each server event travels (the contract's SERVER_EVENTS). */
  eventKinds: Readonly<Record<string, 'domain' | 'signal'>>;
  commandNames: readonly string[];
}

type Json = Record<string, unknown>;

/** AsyncAPI component keys allow `[A-Za-z0-9._-]` only. */
const componentId = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** Moves the generator's `#/definitions/…` references to `#/components/schemas/…`. */
function relocated<T>(value: T): T {
  const json = JSON.stringify(value).replace(/"#\/definitions\/([^"]+)"/g, (_, key: string) =>
    JSON.stringify(`#/components/schemas/${componentId(decodeURIComponent(key))}`),
  );
  return JSON.parse(json) as T;
}

function mapEntries(schema: Schema, mapName: string): Record<string, Definition> {
  const map = schema.definitions?.[mapName];
  if (!map || typeof map !== 'object' || !map.properties) throw new Error(`${mapName} has no properties`);
  return map.properties as Record<string, Definition>;
}

function sameNames(what: string, listed: readonly string[], typed: readonly string[]): void {
  const missing = typed.filter((name) => !listed.includes(name));
  const extra = listed.filter((name) => !typed.includes(name));
  if (missing.length || extra.length) {
    throw new Error(
      `${what}: the list and the type disagree (missing ${missing.join(', ')}; extra ${extra.join(', ')})`,
    );
  }
}

const ackSchema = (result: Definition): Json => ({
  description: 'The acknowledgement, passed to the Socket.IO ack callback.',
  oneOf: [
    { allOf: [{ type: 'object', properties: { ok: { const: true } }, required: ['ok'] }, result] },
    {
      type: 'object',
      properties: { ok: { const: false }, error: { $ref: '#/definitions/CommandError' } },
      required: ['ok', 'error'],
      additionalProperties: false,
    },
  ],
});

/** The AsyncAPI 3 document of the API's Socket.IO surface, from the contract's schemas. */
export function asyncApiDocument(contract: ContractSchemas): Json {
  const events = mapEntries(contract.serverEvents, 'ServerEventPayloadMap');
  const commands = mapEntries(contract.commands, 'ClientCommandMap');
  sameNames('server events', Object.keys(contract.eventKinds), Object.keys(events));
  sameNames('commands', contract.commandNames, Object.keys(commands));

  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  for (const [name, payload] of Object.entries(events)) {
    const id = componentId(name);
    const kind = contract.eventKinds[name];
    messages[id] = {
      name,
      title: name,
      summary: kind === 'domain' ? 'A domain event, in the envelope.' : 'A signal, sent as the plain object.',
      payload,
    };
    channels[id] = { address: name, messages: { [id]: { $ref: `#/components/messages/${id}` } } };
    operations[`send_${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  for (const [name, entry] of Object.entries(commands)) {
    const id = componentId(name);
    const { payload, result } = (entry.properties ?? {}) as Record<string, Definition>;
    messages[id] = { name, title: name, summary: 'A client command.', payload };
    messages[`${id}.ack`] = {
      name: `${name} ack`,
      title: `${name} acknowledgement`,
      payload: ackSchema(result),
    };
    channels[id] = {
      address: name,
      messages: {
        [id]: { $ref: `#/components/messages/${id}` },
        [`${id}.ack`]: { $ref: `#/components/messages/${id}.ack` },
      },
    };
    operations[`receive_${id}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
      reply: {
        channel: { $ref: `#/channels/${id}` },
        messages: [{ $ref: `#/channels/${id}/messages/${id}.ack` }],
      },
    };
  }

  const definitions = {
    ...contract.serverEvents.definitions,
    ...contract.commands.definitions,
    ...contract.commandError.definitions,
  };
  const schemas = Object.fromEntries(
    Object.entries(definitions)
      .filter(([key]) => key !== 'ServerEventPayloadMap' && key !== 'ClientCommandMap')
      .map(([key, schema]) => [componentId(decodeURIComponent(key)), schema]),
  );

  return relocated({
    asyncapi: '3.0.0',
    info: {
      title: 'derm-realtime',
      version: contract.version,
      description:
        'The Socket.IO surface of derm-realtime (default namespace, Socket.IO 4 over Engine.IO). ' +
        'Authenticate with `auth: { token }` (or an `Authorization: Bearer` header); a refused handshake is a ' +
        '`connect_error` with a code. Server events are sent to rooms of one clinic; every command is acknowledged.',
    },
    servers: {
      api: {
        host: 'localhost:3000',
        pathname: '/socket.io/',
        protocol: 'ws',
        description: 'The API, on its own origin.',
      },
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { schemas, messages },
  });
}
