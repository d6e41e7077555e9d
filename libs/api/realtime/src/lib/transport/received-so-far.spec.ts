import { EventEmitter } from 'node:events';
import { PingableConnection, receivedSoFar } from './received-so-far';

class FakeConnection extends EventEmitter implements PingableConnection {
  readyState = 'open';
  /** What was written, in order: the test's own writes and the pings. */
  readonly written: string[] = [];
  readonly close = jest.fn();
  sendPacket(type: 'ping'): void {
    this.written.push(type);
  }
  write(packet: string): void {
    this.written.push(packet);
  }
}

const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);

describe('receivedSoFar', () => {
  it('pings after everything written in the same turn, and resolves true on the answer', async () => {
    const connection = new FakeConnection();
    const received = receivedSoFar(connection);
    connection.write('alert');
    expect(connection.written).toEqual(['alert']);

    expect(await settled(received)).toBe('pending');
    expect(connection.written).toEqual(['alert', 'ping']);
    connection.emit('heartbeat');
    expect(await received).toBe(true);
    expect(connection.listenerCount('close')).toBe(0);
  });

  it('answers every caller of one turn with one ping, and pings again for a later turn', async () => {
    const connection = new FakeConnection();
    const first = receivedSoFar(connection);
    const second = receivedSoFar(connection);
    expect(second).toBe(first);
    await settled(first);
    const later = receivedSoFar(connection);
    await settled(later);
    expect(connection.written).toEqual(['ping', 'ping']);
    connection.emit('heartbeat');
    expect(await Promise.all([first, later])).toEqual([true, true]);
  });

  it('resolves false when the connection closes before answering, and never true after', async () => {
    const connection = new FakeConnection();
    const received = receivedSoFar(connection);
    await settled(received);
    connection.emit('close');
    connection.emit('heartbeat');
    expect(await received).toBe(false);
    expect(connection.listenerCount('heartbeat')).toBe(0);
  });

  it('resolves false without a ping when the connection is no longer open', async () => {
    const connection = new FakeConnection();
    connection.readyState = 'closing';
    expect(await receivedSoFar(connection)).toBe(false);
    expect(connection.written).toEqual([]);
  });

  it('counts no answer that came before the ping', async () => {
    const connection = new FakeConnection();
    const received = receivedSoFar(connection);
    connection.emit('heartbeat');
    expect(await settled(received)).toBe('pending');
    connection.emit('heartbeat');
    expect(await received).toBe(true);
  });
});
