import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { PendingConnections } from './pending-connections';

/** An Engine.IO connection as the server's `connection` event hands it over. */
class FakeConnection extends EventEmitter {
  readonly closes: (boolean | undefined)[] = [];
  constructor(readonly request: IncomingMessage) {
    super();
  }
  close(discard?: boolean): void {
    this.closes.push(discard);
    this.emit('close');
  }
}

const requestFrom = (address: string) => ({ address }) as unknown as IncomingMessage;
const addressOf = (request: IncomingMessage) => (request as unknown as { address: string }).address;

const verdict = (pending: PendingConnections, address: string) =>
  new Promise<{ error: unknown; success: boolean }>((resolve) =>
    pending.allowRequest(requestFrom(address), (error, success) => resolve({ error, success })),
  );

describe('PendingConnections', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const open = (pending: PendingConnections, address: string) => {
    const connection = new FakeConnection(requestFrom(address));
    pending.opened(connection);
    return connection;
  };

  it('refuses an address past its connections waiting to connect, with a message, and no other address', async () => {
    const pending = new PendingConnections({ max: 2, timeoutMs: 10_000, addressOf });
    open(pending, '203.0.113.9');
    expect(await verdict(pending, '203.0.113.9')).toEqual({ error: null, success: true });
    open(pending, '203.0.113.9');

    const refused = await verdict(pending, '203.0.113.9');
    expect(refused.success).toBe(false);
    expect(refused.error).toMatch(/too many connections from this address.*at most 2/i);
    expect(await verdict(pending, '198.51.100.1')).toEqual({ error: null, success: true });
  });

  it('frees a place when a connection connects or closes, once each', async () => {
    const pending = new PendingConnections({ max: 2, timeoutMs: 10_000, addressOf });
    const connecting = open(pending, '203.0.113.9');
    const leaving = open(pending, '203.0.113.9');

    pending.connected(connecting);
    expect((await verdict(pending, '203.0.113.9')).success).toBe(true);
    // A connected connection that closes later frees nothing more.
    connecting.emit('close');
    pending.connected(connecting);
    open(pending, '203.0.113.9');
    expect((await verdict(pending, '203.0.113.9')).success).toBe(false);

    leaving.emit('close');
    leaving.emit('close');
    expect((await verdict(pending, '203.0.113.9')).success).toBe(true);
    open(pending, '203.0.113.9');
    expect((await verdict(pending, '203.0.113.9')).success).toBe(false);
  });

  it('closes a connection still waiting after the timeout at once, discarding its transport, and not one that connected', () => {
    const pending = new PendingConnections({ max: 2, timeoutMs: 10_000, addressOf });
    const lingering = open(pending, '203.0.113.9');
    const connected = open(pending, '203.0.113.9');
    pending.connected(connected);

    jest.advanceTimersByTime(9_999);
    expect(lingering.closes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lingering.closes).toEqual([true]);
    expect(connected.closes).toEqual([]);
    jest.advanceTimersByTime(60_000);
    expect(lingering.closes).toEqual([true]);
  });

  it('keeps no count for an address once its connections are gone', async () => {
    const pending = new PendingConnections({ max: 1, timeoutMs: 10_000, addressOf });
    for (let i = 0; i < 3; i++) {
      const connection = open(pending, '203.0.113.9');
      expect((await verdict(pending, '203.0.113.9')).success).toBe(false);
      connection.emit('close');
      expect((await verdict(pending, '203.0.113.9')).success).toBe(true);
    }
    expect(pending.addresses).toBe(0);
  });
});
