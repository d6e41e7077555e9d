import type { RealtimeServer } from '../realtime-socket';
import { audience, rooms } from './rooms';
import { TenantBroadcaster } from './tenant-broadcaster.service';

function fakeServer() {
  const calls: { to: string[]; except?: string[]; event: string; payload: unknown }[] = [];
  const server = {
    to: (to: string[]) => {
      const call: (typeof calls)[number] = { to, event: '', payload: undefined };
      const operator = {
        except: (except: string[]) => ((call.except = except), operator),
        emit: (event: string, payload: unknown) => {
          Object.assign(call, { event, payload });
          calls.push(call);
          return true;
        },
      };
      return operator;
    },
  } as unknown as RealtimeServer;
  return { server, calls };
}

describe('TenantBroadcaster', () => {
  it('wraps a domain event in the envelope and emits it once to all the rooms', () => {
    const { server, calls } = fakeServer();
    const broadcaster = new TenantBroadcaster();
    broadcaster.attach(server);
    const occurredAt = new Date('2026-01-02T03:04:05.000Z');
    const event = broadcaster.publish(
      audience.users('t1', ['u1', 'u2', 'u1']),
      'message:read',
      { threadId: 'th', messageId: 'm', readerId: 'u1', readAt: occurredAt.toISOString() },
      { actor: { id: 'u1', name: 'Nora' }, occurredAt },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].to).toEqual([rooms.user('t1', 'u1'), rooms.user('t1', 'u2')]);
    expect(calls[0].payload).toBe(event);
    expect(event).toMatchObject({
      type: 'message:read',
      tenantId: 't1',
      occurredAt: occurredAt.toISOString(),
      actor: { id: 'u1' },
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("makes an audience's sockets leave a room of its own clinic only", () => {
    const left: { from: string[]; rooms: string[] }[] = [];
    const server = {
      in: (from: string[]) => ({ socketsLeave: (rooms: string[]) => left.push({ from, rooms }) }),
    } as unknown as RealtimeServer;
    const broadcaster = new TenantBroadcaster();
    broadcaster.attach(server);
    broadcaster.leave(audience.users('t1', ['u1']), audience.thread('t1', 'th'));
    expect(left).toEqual([{ from: [rooms.user('t1', 'u1')], rooms: [rooms.thread('t1', 'th')] }]);
    expect(() => broadcaster.leave(audience.users('t1', ['u1']), audience.thread('t2', 'th'))).toThrow(
      'its own clinic',
    );
    expect(left).toHaveLength(1);
  });

  it('sends a signal as the plain payload, skipping one user when asked', () => {
    const { server, calls } = fakeServer();
    const broadcaster = new TenantBroadcaster();
    broadcaster.attach(server);
    const typing = { threadId: 'th', userId: 'u1', name: 'Nora', isTyping: true };
    broadcaster.signal(audience.thread('t1', 'th'), 'typing', typing, { exceptUserId: 'u1' });
    expect(calls[0]).toEqual({
      to: [rooms.thread('t1', 'th')],
      except: [rooms.user('t1', 'u1')],
      event: 'typing',
      payload: typing,
    });
  });

  it("skips the audience's sockets and the user's alike, and sends to sockets by id through the adapter", () => {
    const { server, calls } = fakeServer();
    const broadcaster = new TenantBroadcaster();
    broadcaster.attach(server);
    const changed = {
      online: [],
      offline: [{ userId: 'u2', lastSeenAt: '2026-12-02T08:00:00.000Z' }],
    };
    broadcaster.signal(audience.presence('t1', 'batched', ['s1', 's2']), 'presence:changed', changed, {
      exceptUserId: 'u1',
    });
    broadcaster.signal(audience.sockets('t1', ['s1', 's2']), 'presence:changed', changed);
    expect(calls).toEqual([
      {
        to: [rooms.presence('t1', 'batched')],
        except: ['s1', 's2', rooms.user('t1', 'u1')],
        event: 'presence:changed',
        payload: changed,
      },
      { to: ['s1', 's2'], event: 'presence:changed', payload: changed },
    ]);
  });

  it('sends to one socket through this node alone, never offering it to the other nodes', () => {
    const { server, calls } = fakeServer();
    const local: { to: string; event: string; payload: unknown }[] = [];
    const localOperator = (to: string) => ({
      emit: (event: string, payload: unknown) => local.push({ to, event, payload }) > 0,
    });
    Object.assign(server, { of: () => ({ local: { to: localOperator } }) });
    const broadcaster = new TenantBroadcaster();
    broadcaster.attach(server);
    broadcaster.signal(audience.socket({ id: 's1', data: { tenantId: 't1' } }), 'notification:unread-count', {
      count: 2,
    });
    expect(local).toEqual([{ to: 's1', event: 'notification:unread-count', payload: { count: 2 } }]);
    expect(calls).toEqual([]);
  });

  it('embeds the tenant in every room key', () => {
    for (const key of [rooms.tenant('t1'), rooms.user('t1', 'x'), rooms.thread('t1', 'x'), rooms.patient('t1', 'x')]) {
      expect(key.startsWith('tenant:t1')).toBe(true);
    }
  });
});
