import { Injectable } from '@nestjs/common';
import { DomainEvents } from '@derm/api/events';
import { HandshakeRefusal, SERVER_EVENTS } from '@derm/shared/contracts';
import { ClinicEventPublished } from './clinic-event-published.event';
import { HandshakeRefused } from './handshake-refused.event';
import { attributeRefusal, RefusedSocket } from './refusal-attribution';

const isDomainEvent = (event: string): event is keyof typeof SERVER_EVENTS =>
  Object.prototype.hasOwnProperty.call(SERVER_EVENTS, event) &&
  SERVER_EVENTS[event as keyof typeof SERVER_EVENTS] === 'domain';

/**
 * What the metrics hooks see that belongs to one clinic, published as domain events for whoever
 * shows it to that clinic (the operations page). Prometheus series never carry a clinic; these do.
 */
@Injectable()
export class ClinicActivity {
  constructor(private readonly events: DomainEvents) {}

  handshakeRefused(code: unknown, socket: RefusedSocket): void {
    const owner = attributeRefusal(code, socket);
    if (owner)
      this.events.publish(new HandshakeRefused(owner.tenantId, code as HandshakeRefusal, owner.userId, owner.name));
  }

  broadcast(tenantId: string | undefined, event: string): void {
    if (tenantId && isDomainEvent(event))
      this.events.publish(new ClinicEventPublished(tenantId, event as ClinicEventPublished['type']));
  }
}
