import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { DomainEvents } from '@derm/api/events';

/**
 * Units of work: each multi-step write runs in one transaction, and the domain events it
 * publishes go out only after the commit (dropped on rollback).
 *
 * SQLite: TypeORM's SQLite drivers share one connection, so a second transaction opened while
 * one is running would nest inside it (a savepoint) and anything else written meanwhile would
 * commit or roll back with it. Units of work therefore queue here, one at a time, and every write
 * path goes through `run`. A queue rather than a lock around `dataSource.transaction`, because
 * a nested `run` must join the running unit instead of waiting for it. PostgreSQL gives each
 * transaction its own pooled connection, so units run concurrently there; units that must not
 * interleave (writes to one conversation, say) take turns on a row with `lockOne`.
 */
@Injectable()
export class Transactions {
  private readonly current = new AsyncLocalStorage<EntityManager>();
  private readonly oneConnection: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {
    this.oneConnection = ['better-sqlite3', 'sqlite'].includes(dataSource.options.type);
  }

  /** Runs `work` in a transaction; inside another unit of work, joins it. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const joined = this.current.getStore();
    if (joined) return work(joined);
    return this.exclusive(() =>
      this.events.heldUntilDone(() =>
        this.dataSource.transaction((manager) => this.current.run(manager, () => work(manager))),
      ),
    );
  }

  /**
   * A repository that reads and writes in the running unit of work, if any: a read after a
   * write in the same unit sees that write on PostgreSQL too.
   */
  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return (this.current.getStore() ?? this.dataSource.manager).getRepository(entity);
  }

  /**
   * Reads one row in the running unit of work and holds it until that unit ends: units of work
   * that lock the same row take turns, each reading what the one before it committed. PostgreSQL
   * locks the row (`SELECT … FOR UPDATE`); SQLite's units run one at a time already, and its
   * TypeORM drivers have no row locks.
   */
  async lockOne<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T | null> {
    const manager = this.current.getStore();
    if (!manager) throw new Error('A row is locked for a unit of work: call lockOne inside Transactions.run');
    const lock = this.oneConnection ? {} : { lock: { mode: 'pessimistic_write' as const } };
    return manager.getRepository(entity).findOne({ where, ...lock });
  }

  /**
   * Reads rows in the running unit of work and keeps them from changing until that unit ends: a
   * unit changing one of them waits for it, and it reads a change under way once committed. Units
   * that only read the same rows this way do not wait for each other. PostgreSQL: `SELECT … FOR
   * SHARE`; SQLite's units run one at a time already.
   */
  async readShared<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T[]> {
    const manager = this.current.getStore();
    if (!manager) throw new Error('Rows are held for a unit of work: call readShared inside Transactions.run');
    const lock = this.oneConnection ? {} : { lock: { mode: 'pessimistic_read' as const } };
    return manager.getRepository(entity).find({ where, ...lock });
  }

  /**
   * Units of work that name any of the same `keys` take turns until they end, each seeing what the
   * one before it committed, for what has no single row to lock (a person's count over many
   * rows, say). PostgreSQL takes a transaction-scoped advisory lock per key, all in one order so
   * that two units never wait on each other; SQLite's units run one at a time already.
   */
  async takeTurns(keys: readonly string[]): Promise<void> {
    const manager = this.current.getStore();
    if (!manager) throw new Error('Turns are taken for a unit of work: call takeTurns inside Transactions.run');
    if (this.oneConnection || keys.length === 0) return;
    // The sorted subquery hands the locks to the outer select in its order.
    await manager.query(
      'SELECT pg_advisory_xact_lock(turn) FROM (SELECT DISTINCT hashtext(key) AS turn FROM unnest($1::text[]) AS key ORDER BY turn) AS turns',
      [keys],
    );
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.oneConnection) return work();
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
