import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DomainEvent,
  DomainEventDataMap,
  DomainEventName,
  EventActor,
  SignalName,
  SignalPayloadMap,
} from '@derm/shared/contracts';
import { RealtimeMetrics } from '@derm/api/metrics';
import { thisSocketOnly, type RealtimeServer } from '../realtime-socket';
import { Audience, rooms } from './rooms';

export interface PublishOptions {
  actor?: EventActor;
  occurredAt?: Date;
}

/**
 * The only way domain gateways reach clients. Every call names an {@link Audience}, which cannot
 * exist without a tenant. One emit per call: Socket.IO encodes the packet once for all rooms.
 */
@Injectable()
export class TenantBroadcaster {
  private server?: RealtimeServer;

  constructor(private readonly metrics?: RealtimeMetrics) {}

  /** Called by the Socket.IO adapter once the server exists. */
  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /** A persisted change, in the envelope. Returns what was sent. */
  publish<K extends DomainEventName>(
    to: Audience,
    type: K,
    data: DomainEventDataMap[K],
    { actor, occurredAt = new Date() }: PublishOptions = {},
  ): DomainEvent<K> {
    const event = {
      id: randomUUID(),
      type,
      tenantId: to.tenantId,
      occurredAt: occurredAt.toISOString(),
      ...(actor ? { actor } : {}),
      data,
    } as DomainEvent<K>;
    this.emit(to, type, event);
    return event;
  }

  /** An ephemeral signal, sent as the plain payload; `exceptUserId` skips all of one user's sockets. */
  signal<K extends SignalName>(
    to: Audience,
    event: K,
    payload: SignalPayloadMap[K],
    { exceptUserId }: { exceptUserId?: string } = {},
  ): void {
    this.emit(
      exceptUserId ? { ...to, except: [...(to.except ?? []), rooms.user(to.tenantId, exceptUserId)] } : to,
      event,
      payload,
    );
  }

  /**
   * `who`'s sockets leave the rooms of `place`, on every node: someone who left a thread stops
   * hearing its room in every tab at once. Both must be of one clinic.
   */
  leave(who: Audience, place: Audience): void {
    if (who.tenantId !== place.tenantId) throw new Error('An audience leaves only rooms of its own clinic');
    if (!this.server || who.rooms.length === 0) return;
    this.server.in([...who.rooms]).socketsLeave([...place.rooms]);
  }

  private emit(to: Audience, event: string, payload: unknown): void {
    if (!this.server || to.rooms.length === 0) return;
    if (to.socketId) {
      const operator = thisSocketOnly(this.server.of('/'), to.socketId);
      (operator.emit as (event: string, payload: unknown) => boolean)(event, payload);
    } else {
      let operator = this.server.to([...to.rooms]);
      if (to.except?.length) operator = operator.except([...to.except]);
      (operator.emit as (event: string, payload: unknown) => boolean)(event, payload);
    }
    this.metrics?.broadcast({
      event,
      rooms: to.rooms,
      except: to.except,
      tenantId: to.tenantId,
      socketId: to.socketId,
    });
  }
}
