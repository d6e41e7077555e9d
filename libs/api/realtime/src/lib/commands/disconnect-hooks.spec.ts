import { EventEmitter } from 'node:events';
import { onDisconnect } from './disconnect-hooks';

/** A socket as Socket.IO's: `connected` until it disconnects. */
class TestSocket extends EventEmitter {
  connected = true;

  disconnect(): void {
    this.connected = false;
    this.emit('disconnect');
  }
}

describe('onDisconnect', () => {
  it('runs every hook of a socket once, in order, behind one listener', () => {
    const socket = new TestSocket();
    const ran: string[] = [];
    for (const name of ['presence', 'messaging', 'commands']) onDisconnect(socket, () => ran.push(name));
    expect(socket.listenerCount('disconnect')).toBe(1);

    socket.disconnect();
    socket.emit('disconnect');
    expect(ran).toEqual(['presence', 'messaging', 'commands']);
  });

  it('keeps the hooks of each socket to that socket', () => {
    const [first, second] = [new TestSocket(), new TestSocket()];
    const ran: string[] = [];
    onDisconnect(first, () => ran.push('first'));
    onDisconnect(second, () => ran.push('second'));
    second.disconnect();
    expect(ran).toEqual(['second']);
  });

  it('runs a hook bound to a socket already disconnected, once, after what its caller began', async () => {
    const socket = new TestSocket();
    socket.disconnect();
    const ran: string[] = [];
    onDisconnect(socket, () => ran.push('presence'));
    ran.push('connection handled');
    await Promise.resolve();
    socket.emit('disconnect');
    expect(ran).toEqual(['connection handled', 'presence']);
    expect(socket.listenerCount('disconnect')).toBe(0);
  });
});
