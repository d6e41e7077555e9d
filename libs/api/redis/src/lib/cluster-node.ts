import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig } from '@derm/api/config';

/**
 * This API process among the nodes of one deployment: a fresh id at every start (so a restarted
 * node never inherits what its previous life owned) and the namespace of its Redis keys.
 */
@Injectable()
export class ClusterNode {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

  constructor(private readonly config: AppConfig) {}

  /** A key, stream or channel name inside this deployment's REDIS_KEY_PREFIX. */
  key(...parts: string[]): string {
    return `${this.config.redisKeyPrefix}${parts.join(':')}`;
  }
}
