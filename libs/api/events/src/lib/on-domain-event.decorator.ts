import { OnEvent } from '@nestjs/event-emitter';
import { DomainEventClass } from './domain-event';
import { TenantEvent } from './tenant-event';

type Listener<E> = (event: E) => unknown;

/**
 * Subscribes a method to one domain event class; the method must accept that class, so a
 * listener cannot expect another event's fields.
 */
export function OnDomainEvent<E extends TenantEvent>(type: DomainEventClass<E>) {
  return <M extends Listener<E>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    OnEvent(type.name)(target, key, descriptor);
  };
}
