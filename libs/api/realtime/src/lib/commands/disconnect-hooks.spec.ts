import { EventEmitter } from 'node:events';
import { onDisconnect } from './disconnect-hooks';

describe('onDisconnect', () => {
  it('runs every hook of a socket once, in order, behind one listener', () => {
    const socket = new EventEmitter();
    const ran: string[] = [];
    for (const name of ['presence', 'messaging', 'commands']) onDisconnect(socket, () => ran.push(name));
    expect(socket.listenerCount('disconnect')).toBe(1);

    socket.emit('disconnect');
    socket.emit('disconnect');
    expect(ran).toEqual(['presence', 'messaging', 'commands']);
  });

  it('keeps the hooks of each socket to that socket', () => {
    const [first, second] = [new EventEmitter(), new EventEmitter()];
    const ran: string[] = [];
    onDisconnect(first, () => ran.push('first'));
    onDisconnect(second, () => ran.push('second'));
    second.emit('disconnect');
    expect(ran).toEqual(['second']);
  });
});
