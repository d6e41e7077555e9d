import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { TenantScopedEntity } from '@derm/api/database';
import { MessageThreadEntity } from './message-thread.entity';

/** Ordered within a thread by (sentAt, id): ids break ties between messages of the same millisecond. */
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

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: Date })
  sentAt!: Date;
}
