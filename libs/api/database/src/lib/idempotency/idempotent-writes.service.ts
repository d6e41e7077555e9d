import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LessThan, Repository } from 'typeorm';
import { IDEMPOTENCY_KEY_LIFETIME_HOURS } from '@derm/shared/contracts';
import { Transactions } from '../transactions.service';
import { IdempotencyKeyReusedException } from './idempotency-key-reused.exception';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { requestFingerprint } from './request-fingerprint';

const HOUR_MS = 3_600_000;

/** One write a client may send more than once: who sends it, what kind it is, and under which key. */
export interface IdempotentRequest {
  tenantId: string;
  userId: string;
  /** The kind of write, the same over REST and socket: `message:post`, `notification:ack`, … */
  scope: string;
  /** The client's key; without one the write simply runs in a unit of work. */
  key: string | undefined;
  /** What was asked (ids and body): the same key with a different request is refused. */
  request: unknown;
}

/**
 * Exactly-once writes for every domain. `run` claims the key in the write's own transaction, so
 * the key is stored exactly when the write commits and released when it rolls back. A retry (a
 * lost answer, a replayed queue, a double click) finds the key and gets the first answer back as
 * JSON, with no second write and no second event. Two attempts at once: PostgreSQL makes the
 * second claim wait for the first transaction (`ON CONFLICT DO NOTHING`), SQLite runs units of
 * work one at a time; either way the second finds the first's answer.
 */
@Injectable()
export class IdempotentWrites implements OnModuleInit, OnModuleDestroy {
  private sweeper?: ReturnType<typeof setInterval>;

  constructor(private readonly transactions: Transactions) {}

  private get keys(): Repository<IdempotencyKeyEntity> {
    return this.transactions.repository(IdempotencyKeyEntity);
  }

  run<T>(request: IdempotentRequest, work: () => Promise<T>): Promise<T> {
    const { tenantId, userId, scope, key } = request;
    if (key === undefined) return this.transactions.run(work);
    return this.transactions.run(async () => {
      const id = { tenantId, userId, scope, key };
      const fingerprint = requestFingerprint(request.request);
      const now = new Date();
      await this.keys
        .createQueryBuilder()
        .insert()
        .into(IdempotencyKeyEntity)
        .values({
          ...id,
          fingerprint,
          response: null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_LIFETIME_HOURS * HOUR_MS),
        })
        .orIgnore()
        .execute();
      const stored = await this.keys.findOneByOrFail(id);
      if (stored.response === null) {
        const answer = await work();
        await this.keys.update(id, { response: JSON.stringify(answer ?? null) });
        return answer;
      }
      if (stored.fingerprint !== fingerprint) throw new IdempotencyKeyReusedException(scope);
      return JSON.parse(stored.response) as T;
    });
  }

  /** Forgets keys past their lifetime; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    const { affected } = await this.transactions.run(() => this.keys.delete({ expiresAt: LessThan(now) }));
    return affected ?? 0;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.purgeExpired().catch(() => undefined), HOUR_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
