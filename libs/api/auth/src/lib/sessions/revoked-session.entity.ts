import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A signed-out session: its tokens are refused until they would have expired anyway. */
@Entity({ name: 'revoked_sessions' })
export class RevokedSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** After this no token of the session verifies, so the row may be pruned. */
  @Index()
  @Column({ type: Date })
  expiresAt!: Date;
}
