import { EventEmitter } from 'node:events';
import { UNCOUNTED_PINGS } from '@derm/api/realtime';
import { DomainEvent, NotificationView } from '@derm/shared/contracts';
import { AlertReceipts, ReceiptSocket } from './alert-receipts';
import { NotificationInbox } from './notification-inbox.service';

const alert: NotificationView = {
  id: 'n1',
  kind: 'urgent-alert',
  title: 'Room 3',
  priority: 'urgent',
  createdAt: '2026-12-07T09:00:00.000Z',
  requiresAck: true,
};

class FakeConnection extends EventEmitter {
  readyState = 'open';
  readonly sendPacket = jest.fn((type: string) => this.emit('packetCreate', { type }));
  /** A live client's answers to every ping of a receipt. */
  answers(): void {
    for (let ping = 0; ping <= UNCOUNTED_PINGS; ping++) this.emit('heartbeat');
  }
}

/** A socket as Socket.IO drives it: each packet sent is first shown to the outgoing listeners. */
function socketOf(tenantId: string, userId: string) {
  const listeners: ((...args: unknown[]) => void)[] = [];
  const conn = new FakeConnection();
  const socket = {
    data: { tenantId, userId },
    conn,
    onAnyOutgoing(listener: (...args: unknown[]) => void) {
      listeners.push(listener);
      return socket;
    },
    send(event: string, data: unknown) {
      const envelope = { id: 'e', type: event, tenantId, occurredAt: alert.createdAt, data };
      listeners.forEach((listener) => listener.call(socket, event, envelope as DomainEvent));
    },
  };
  return socket;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('AlertReceipts', () => {
  let markDelivered: jest.Mock;
  let receipts: AlertReceipts;
  beforeEach(() => {
    markDelivered = jest.fn().mockResolvedValue(undefined);
    receipts = new AlertReceipts({ markDelivered } as unknown as NotificationInbox);
  });

  it('records an alert delivered once the socket answers the ping that follows it, not before', async () => {
    const nurse = socketOf('t1', 'nurse');
    receipts.follow(nurse as unknown as ReceiptSocket);
    nurse.send('notification:new', { notification: alert });
    await turn();
    expect(nurse.conn.sendPacket).toHaveBeenCalledWith('ping');
    await turn();
    expect(markDelivered).not.toHaveBeenCalled();

    nurse.conn.answers();
    await turn();
    await turn();
    expect(markDelivered).toHaveBeenCalledWith('t1', ['nurse'], ['n1']);
  });

  it('records nothing for a socket that closes unanswered, or for what needs no acknowledgement', async () => {
    const asleep = socketOf('t1', 'provider');
    const reading = socketOf('t1', 'nurse');
    [asleep, reading].forEach((socket) => receipts.follow(socket as unknown as ReceiptSocket));
    asleep.send('notification:new', { notification: alert });
    reading.send('notification:new', { notification: { ...alert, id: 'n2', requiresAck: false } });
    reading.send('appointment:created', { notification: alert });
    await turn();
    expect(reading.conn.sendPacket).not.toHaveBeenCalled();
    asleep.conn.emit('close');
    reading.conn.answers();
    await turn();
    await turn();
    expect(markDelivered).not.toHaveBeenCalled();
  });

  it('writes the confirmations that arrive together in one call per clinic and alert', async () => {
    const sockets = [socketOf('t1', 'nurse'), socketOf('t1', 'nurse'), socketOf('t1', 'desk'), socketOf('t2', 'nurse')];
    for (const socket of sockets) {
      receipts.follow(socket as unknown as ReceiptSocket);
      socket.send('notification:new', { notification: alert });
    }
    await turn();
    sockets.forEach((socket) => socket.conn.answers());
    await turn();
    await turn();
    expect(markDelivered.mock.calls).toEqual([
      ['t1', ['nurse', 'desk'], ['n1']],
      ['t2', ['nurse'], ['n1']],
    ]);
  });
});
