import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@derm/api/config';

/** This API process as an owner of presence entries: a new random id on every start. */
@Injectable()
export class PresenceNode {
  readonly id: string = randomUUID();
  /** How long this node's entries live without renewal; a crashed node's users are offline within it. */
  readonly ttlMs: number;
  /** How often the node renews them: well inside the TTL, so a slow tick never expires them. */
  readonly renewEveryMs: number;

  constructor(config: AppConfig) {
    this.ttlMs = config.presenceEntryTtlMs;
    this.renewEveryMs = config.presenceRenewEveryMs;
  }
}
