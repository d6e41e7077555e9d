import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { ChatLineKind } from '@derm/shared/contracts';
import { TenantScopedEntity } from '@derm/api/database';
import { MessageThreadEntity } from './message-thread.entity';

/**
 * A thread's lines: messages, and the notes of who joined or left (whose `sender` is the person
 * joining or leaving). Ordered within a thread by (sentAt, id): ids break ties between lines of the
 * same millisecond.
 */
@Entity({ name: 'messages' })
@Index(['threadId', 'sentAt'])
export class MessageEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  threadId!: string;

  @ManyToOne(() => MessageThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'threadId' })
  thread!: MessageThreadEntity;

  @Column({ type: 'varchar', length: 36 })
  senderId!: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'senderId' })
  sender!: StaffMemberEntity;

  // No default: TypeORM reads a default back after a multi-row insert and merges it into the
  // inserted objects by position, not by id, which on SQLite swaps their ids.
  @Column({ type: 'varchar', length: 16 })
  kind!: ChatLineKind;

  @Column({ type: 'text' })
  body!: string;

  /** `joined`: who added them. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  addedById!: string | null;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'addedById' })
  addedBy!: StaffMemberEntity | null;

  @Column({ type: Date })
  sentAt!: Date;
}
