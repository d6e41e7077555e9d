import { EventEmitter } from 'node:events';
import { PingableConnection, receivedSoFar, UNCOUNTED_PINGS } from './received-so-far';

/** Pings sent with each receipt: one of its own, and one for each ping that may precede the count. */
const PINGS = UNCOUNTED_PINGS + 1;

class FakeConnection extends EventEmitter implements PingableConnection {
  readyState = 'open';
  /** What was written, in order: the test's own writes and the pings. */
  readonly written: string[] = [];
  readonly close = jest.fn();
  /** As Engine.IO does, for its own pings and anyone's. */
  sendPacket(type: 'ping'): void {
    this.emit('packetCreate', { type });
    this.written.push(type);
  }
  write(packet: string): void {
    this.emit('packetCreate', { type: 'message' });
    this.written.push(packet);
  }
  /** The client's answers to `count` pings. */
  answer(count = 1): void {
    for (let i = 0; i < count; i++) this.emit('heartbeat');
  }
}

const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);

describe('receivedSoFar', () => {
  it('pings after everything written in the same turn, and resolves true once a live client has answered them', async () => {
    const connection = new FakeConnection();
    const received = receivedSoFar(connection);
    connection.write('alert');
    expect(connection.written).toEqual(['alert']);

    expect(await settled(received)).toBe('pending');
    expect(connection.written).toEqual(['alert', ...Array(PINGS).fill('ping')]);
    connection.answer(PINGS - 1);
    expect(await settled(received)).toBe('pending');
    connection.answer();
    expect(await received).toBe(true);
  });

  it('takes no answer to a ping sent before the writes for proof of them, even one still on its way', async () => {
    const connection = new FakeConnection();
    const first = receivedSoFar(connection);
    await settled(first);
    connection.answer(PINGS);
    expect(await first).toBe(true);

    // The heartbeat pings; an alert is written before the answer comes back.
    connection.sendPacket('ping');
    const second = receivedSoFar(connection);
    connection.write('alert');
    await settled(second);
    connection.answer();
    expect(await settled(second)).toBe('pending');
    connection.answer(PINGS);
    expect(await second).toBe(true);
  });

  it('counts the answers to pings that may precede its count as no proof', async () => {
    const connection = new FakeConnection();
    const received = receivedSoFar(connection);
    await settled(received);
    // Answers to the heartbeat's ping and the viewer check's, sent before the count began.
    connection.answer(UNCOUNTED_PINGS);
    expect(await settled(received)).toBe('pending');
    connection.answer();
    expect(await received).toBe(true);
  });

  it('answers every caller of one turn with one round of pings, and pings again for a later turn', async () => {
    const connection = new FakeConnection();
    const first = receivedSoFar(connection);
    expect(receivedSoFar(connection)).toBe(first);
    await settled(first);
    const later = receivedSoFar(connection);
    await settled(later);
    expect(connection.written).toEqual(Array(2 * PINGS).fill('ping'));
    connection.answer(2 * PINGS);
    expect(await Promise.all([first, later])).toEqual([true, true]);
  });

  it('resolves false when the connection closes before the answers, and never true after', async () => {
    const connection = new FakeConnection();
    const received = receivedSoFar(connection);
    await settled(received);
    connection.emit('close');
    connection.answer(PINGS);
    expect(await received).toBe(false);
  });

  it('resolves false without a ping when the connection is no longer open', async () => {
    const connection = new FakeConnection();
    connection.readyState = 'closing';
    expect(await receivedSoFar(connection)).toBe(false);
    expect(connection.written).toEqual([]);
  });

  it('keeps one listener per event however many receipts a silent client leaves waiting', async () => {
    const connection = new FakeConnection();
    const waiting = [];
    for (let turn = 0; turn < 20; turn++) {
      waiting.push(receivedSoFar(connection));
      await settled(waiting[turn]);
    }
    expect(connection.listenerCount('heartbeat')).toBe(1);
    expect(connection.listenerCount('packetCreate')).toBe(1);
    connection.emit('close');
    expect(await Promise.all(waiting)).toEqual(Array(20).fill(false));
  });
});
