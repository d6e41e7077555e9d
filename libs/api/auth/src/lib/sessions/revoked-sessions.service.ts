import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { gatheredReads, Transactions } from '@derm/api/database';
import { ExpiringCache } from './expiring-cache';
import { RevokedSessionEntity } from './revoked-session.entity';

const BACKSTOP_LIFETIME_MS = 60_000;
/** Bounds the statement's list of session ids. */
const MAX_SESSIONS_PER_QUERY = 500;

/**
 * Signed-out sessions, kept in the database (every node, every restart) and cached per node. The
 * sessions not cached yet are looked up together for the connections of a moment.
 */
@Injectable()
export class RevokedSessions {
  private readonly cache = new ExpiringCache<boolean>(BACKSTOP_LIFETIME_MS);
  private readonly uncached = gatheredReads<string, boolean>(
    (sessionIds) => this.read(sessionIds),
    MAX_SESSIONS_PER_QUERY,
  );

  constructor(
    private readonly transactions: Transactions,
    // Reads go outside any transaction: a batch is shared by callers of other transactions.
    @InjectRepository(RevokedSessionEntity) private readonly committed: Repository<RevokedSessionEntity>,
  ) {}

  private get revoked(): Repository<RevokedSessionEntity> {
    return this.transactions.repository(RevokedSessionEntity);
  }

  isRevoked(sessionId: string): Promise<boolean> {
    return this.cache.get(sessionId, () => this.uncached(sessionId));
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

  private async read(sessionIds: readonly string[]): Promise<boolean[]> {
    const rows = await this.committed.find({
      select: { sessionId: true },
      where: { sessionId: In([...new Set(sessionIds)]) },
    });
    const revoked = new Set(rows.map(({ sessionId }) => sessionId));
    return sessionIds.map((sessionId) => revoked.has(sessionId));
  }
}
