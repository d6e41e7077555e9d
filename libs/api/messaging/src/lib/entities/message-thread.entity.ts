import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';

@Entity({ name: 'message_threads' })
@Index(['tenantId', 'lastActivityAt'])
export class MessageThreadEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  /** The patient the conversation is about, if any (same tenant). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  patientId!: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdById!: string;

  /** Kept with each message so lists sort and show the latest without scanning messages. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  lastMessageId!: string | null;

  @Column({ type: Date })
  lastActivityAt!: Date;

  @CreateDateColumn()
  createdAt!: Date;
}
