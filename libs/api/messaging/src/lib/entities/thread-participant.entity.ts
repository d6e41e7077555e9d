import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { TenantScopedEntity } from '@derm/api/database';
import { MessageThreadEntity } from './message-thread.entity';

/**
 * One member of a thread and how far they have read. The read position is the last read
 * message's id with its `sentAt`, so "after it" is a comparison on (sentAt, id).
 */
@Entity({ name: 'thread_participants' })
@Index(['threadId', 'userId'], { unique: true })
@Index(['tenantId', 'userId'])
export class ThreadParticipantEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  threadId!: string;

  @ManyToOne(() => MessageThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'threadId' })
  thread!: MessageThreadEntity;

  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user!: StaffMemberEntity;

  @Column({ type: 'varchar', length: 36, nullable: true })
  lastReadMessageId!: string | null;

  @Column({ type: Date, nullable: true })
  lastReadSentAt!: Date | null;
}
