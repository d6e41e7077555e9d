import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { compare } from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@derm/api/config';
import { Semaphore } from '../concurrency/semaphore';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane), spelled out so a library default cannot move it. */
const ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes from before argon2id; verified once more, then replaced on that sign-in. */
const isBcrypt = (passwordHash: string) => /^\$2[aby]\$/.test(passwordHash);

/**
 * argon2id on libuv's threads (`@node-rs/argon2`), never on the event loop, and at most
 * PASSWORD_HASH_CONCURRENCY hashes at once, so a sign-in storm cannot take every core.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private readonly slots: Semaphore;
  /** Checked when the email is unknown, so that an unknown email costs what a known one does. */
  private dummyHash?: Promise<string>;

  constructor(config: AppConfig) {
    this.slots = new Semaphore(config.passwordHashConcurrency);
  }

  /** Made at start, so that not even the first unknown email pays for it. */
  onModuleInit(): void {
    void this.dummy();
  }

  hash(password: string): Promise<string> {
    return this.slots.run(() => hash(password, ARGON2ID));
  }

  /** Whether the password matches; without a stored hash, the same work against a dummy one. */
  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (passwordHash && isBcrypt(passwordHash)) return this.slots.run(() => compare(password, passwordHash));
    const stored = passwordHash ?? (await this.dummy());
    const matches = await this.slots.run(() => verify(stored, password).catch(() => false));
    return matches && passwordHash !== undefined;
  }

  /** A stored hash that is not argon2id with today's parameters. */
  needsUpgrade(passwordHash: string): boolean {
    return !passwordHash.startsWith(
      `$argon2id$v=19$m=${ARGON2ID.memoryCost},t=${ARGON2ID.timeCost},p=${ARGON2ID.parallelism}$`,
    );
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}
