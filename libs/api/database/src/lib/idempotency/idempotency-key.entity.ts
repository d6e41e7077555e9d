import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One write done under a client's idempotency key, stored in that write's own transaction: the
 * key exists exactly when the write does. Scoped by clinic, user and kind of write, so the same
 * key from someone else, or for another kind of write, is another key.
 */
@Entity({ name: 'idempotency_keys' })
@Index(['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  userId!: string;

  /** The kind of write, e.g. `message:post`: one key may not serve two kinds. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  scope!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  /** SHA-256 of the request, so a key reused for a different request is refused. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  /** The first answer as JSON; null only inside the transaction that claimed the key. */
  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date })
  expiresAt!: Date;
}
