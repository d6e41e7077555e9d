import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AsyncLocalStorage } from 'node:async_hooks';
import { TenantEvent } from './tenant-event';

/**
 * The in-process bus between services and gateways. Events published while a unit of work is
 * open (see `heldUntilDone`) wait for it: they go out when it succeeds and are dropped when it
 * fails, so nothing is announced that did not commit.
 */
@Injectable()
export class DomainEvents {
  private readonly held = new AsyncLocalStorage<TenantEvent[]>();

  constructor(private readonly emitter: EventEmitter2) {}

  publish(event: TenantEvent): void {
    const pending = this.held.getStore();
    if (pending) pending.push(event);
    else this.emitter.emit(event.constructor.name, event);
  }

  /**
   * Runs `work`, holding what it publishes until it resolves. A nested call joins the outer one,
   * whose outcome then decides for both.
   */
  async heldUntilDone<T>(work: () => Promise<T>): Promise<T> {
    if (this.held.getStore()) return work();
    const pending: TenantEvent[] = [];
    const result = await this.held.run(pending, work);
    for (const event of pending) this.emitter.emit(event.constructor.name, event);
    return result;
  }
}
