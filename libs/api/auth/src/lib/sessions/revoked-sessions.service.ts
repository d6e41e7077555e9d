import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ExpiringCache } from './expiring-cache';
import { RevokedSessionEntity } from './revoked-session.entity';

const BACKSTOP_LIFETIME_MS = 60_000;

/** Signed-out sessions, kept in the database (every node, every restart) and cached per node. */
@Injectable()
export class RevokedSessions {
  private readonly cache = new ExpiringCache<boolean>(BACKSTOP_LIFETIME_MS);

  constructor(
    @InjectRepository(RevokedSessionEntity) private readonly revoked: Repository<RevokedSessionEntity>,
  ) {}

  isRevoked(sessionId: string): Promise<boolean> {
    return this.cache.get(sessionId, () => this.revoked.existsBy({ sessionId }));
  }

  /** `expiresAt`: when the session would have ended anyway; the row is pruned after it. */
  async revoke(entry: RevokedSessionEntity): Promise<void> {
    await this.revoked.upsert(entry, ['sessionId']);
    await this.revoked.delete({ expiresAt: LessThan(new Date()) });
  }

  forget(sessionId: string): void {
    this.cache.forget(sessionId);
  }
}
