import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/** How long presence entries live without renewal; a crashed node's users are offline within it. */
export const PRESENCE_ENTRY_TTL_MS = 30_000;
/** A node renews its entries this often: well inside the TTL, so a slow tick never expires them. */
export const PRESENCE_RENEW_EVERY_MS = 10_000;

/** This API process as an owner of presence entries: a new random id on every start. */
@Injectable()
export class PresenceNode {
  readonly id: string = randomUUID();
  readonly ttlMs: number = PRESENCE_ENTRY_TTL_MS;
  readonly renewEveryMs: number = PRESENCE_RENEW_EVERY_MS;
}
