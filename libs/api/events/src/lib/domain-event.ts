import { TenantEvent } from './tenant-event';

/**
 * A domain event class. Its name (the class name, as `X.name`) is what the bus routes by, so a
 * publisher and a listener of the same class always meet.
 */
export type DomainEventClass<E extends TenantEvent> = abstract new (...args: never[]) => E;
