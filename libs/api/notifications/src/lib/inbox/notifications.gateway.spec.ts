import { audience, RealtimeSocket, TenantBroadcaster } from '@derm/api/realtime';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationsRead } from './events/notifications-read.event';
import { NotificationAcknowledged } from './events/notification-acknowledged.event';
import { NotificationCreated } from './events/notification-created.event';
import { AlertReceipts } from './alert-receipts';
import { NotificationsGateway } from './notifications.gateway';
import { NotificationsService } from './notifications.service';

const notification: NotificationView = {
  id: 'n1',
  kind: 'announcement',
  title: 'Closed Friday',
  priority: 'normal',
  createdAt: '2026-05-04T09:00:00.000Z',
  requiresAck: false,
};

describe('NotificationsGateway', () => {
  let publish: jest.Mock;
  let signal: jest.Mock;
  let onConnected: jest.Mock;
  let follow: jest.Mock;
  let gateway: NotificationsGateway;

  beforeEach(() => {
    publish = jest.fn();
    signal = jest.fn();
    onConnected = jest.fn();
    follow = jest.fn();
    gateway = new NotificationsGateway(
      { publish, signal } as unknown as TenantBroadcaster,
      { onConnected } as unknown as NotificationsService,
      { follow } as unknown as AlertReceipts,
    );
  });

  it('sends an announcement to the tenant room once, and each recipient their own count', () => {
    const counts = new Map([
      ['u1', 3],
      ['u2', 1],
    ]);
    gateway.created(
      new NotificationCreated('t1', { id: 'a', name: 'Admin' }, notification, ['u1', 'u2'], true, counts),
    );
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith(
      audience.tenant('t1'),
      'notification:new',
      { notification },
      expect.objectContaining({ actor: { id: 'a', name: 'Admin' } }),
    );
    expect(signal.mock.calls).toEqual([
      [audience.users('t1', ['u1']), 'notification:unread-count', { count: 3 }],
      [audience.users('t1', ['u2']), 'notification:unread-count', { count: 1 }],
    ]);
  });

  it('sends a personal notification to the recipients’ user rooms only', () => {
    gateway.created(new NotificationCreated('t1', undefined, notification, ['u1'], false, new Map([['u1', 1]])));
    expect(publish.mock.calls[0][0]).toEqual(audience.users('t1', ['u1']));
  });

  it('turns an acknowledgement into notification:read and the count for every tab of that person', () => {
    gateway.acknowledged(new NotificationAcknowledged('t1', 'u1', 'n1', 4));
    expect(signal.mock.calls).toEqual([
      [audience.users('t1', ['u1']), 'notification:read', { ids: ['n1'] }],
      [audience.users('t1', ['u1']), 'notification:unread-count', { count: 4 }],
    ]);
  });

  it('announces mark all read by its time, naming no ids', () => {
    gateway.read(new NotificationsRead('t1', 'u1', [], 0, new Date('2026-12-05T09:00:00.000Z')));
    expect(signal.mock.calls).toEqual([
      [audience.users('t1', ['u1']), 'notification:read', { ids: [], allUpTo: '2026-12-05T09:00:00.000Z' }],
      [audience.users('t1', ['u1']), 'notification:unread-count', { count: 0 }],
    ]);
  });

  it('re-sends pending alerts and the count to a new socket only, whose receipts it follows first', async () => {
    const alert = { ...notification, kind: 'urgent-alert' as const, requiresAck: true };
    onConnected.mockResolvedValue({ unreadCount: 2, pending: [alert] });
    const socket = { id: 'socket-1', data: { tenantId: 't1', userId: 'u1' } } as RealtimeSocket;
    await gateway.handleConnection(socket);
    expect(follow).toHaveBeenCalledWith(socket);
    expect(follow.mock.invocationCallOrder[0]).toBeLessThan(publish.mock.invocationCallOrder[0]);
    expect(onConnected).toHaveBeenCalledWith('t1', 'u1');
    const thisSocket = { tenantId: 't1', rooms: ['socket-1'], socketId: 'socket-1' };
    expect(publish).toHaveBeenCalledWith(thisSocket, 'notification:new', { notification: alert });
    expect(signal).toHaveBeenCalledWith(thisSocket, 'notification:unread-count', { count: 2 });
  });
});
