import { Injectable } from '@nestjs/common';
import { LessThan, Repository } from 'typeorm';
import { Transactions } from '@derm/api/database';
import { ExpiringCache } from './expiring-cache';
import { RevokedSessionEntity } from './revoked-session.entity';

const BACKSTOP_LIFETIME_MS = 60_000;

/** Signed-out sessions, kept in the database (every node, every restart) and cached per node. */
@Injectable()
export class RevokedSessions {
  private readonly cache = new ExpiringCache<boolean>(BACKSTOP_LIFETIME_MS);

  constructor(
    private readonly transactions: Transactions,
  ) {}

  private get revoked(): Repository<RevokedSessionEntity> {
    return this.transactions.repository(RevokedSessionEntity);
  }

  isRevoked(sessionId: string): Promise<boolean> {
    return this.cache.get(sessionId, () => this.revoked.existsBy({ sessionId }));
  }

  /** `expiresAt`: when the session would have ended anyway; the row is pruned after it. */
  revoke(entry: RevokedSessionEntity): Promise<void> {
    return this.transactions.run(async () => {
      await this.revoked.upsert(entry, ['sessionId']);
      await this.revoked.delete({ expiresAt: LessThan(new Date()) });
    });
  }

  forget(sessionId: string): void {
    this.cache.forget(sessionId);
  }
}
