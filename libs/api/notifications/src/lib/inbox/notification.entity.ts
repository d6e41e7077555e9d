import { Column, Entity, Index, Unique } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';
import { NotificationKind, NotificationPriority, StaffRole } from '@derm/shared/contracts';

/**
 * One notification as one recipient has it. Every recipient of the same notification shares its
 * `notificationId` (the id clients see), so a clinic-wide announcement is one event for everyone.
 */
@Entity({ name: 'notifications' })
@Unique(['recipientId', 'notificationId'])
@Index(['tenantId', 'recipientId', 'createdAt'])
@Index(['tenantId', 'notificationId'])
export class NotificationEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  notificationId!: string;

  @Column({ type: 'varchar', length: 36 })
  recipientId!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  body!: string | null;

  @Column({ type: 'varchar', length: 10 })
  priority!: NotificationPriority;

  @Column({ type: 'varchar', length: 300, nullable: true })
  link!: string | null;

  @Column({ type: 'boolean', default: false })
  requiresAck!: boolean;

  @Column({ type: Date })
  createdAt!: Date;

  /** First reached one of the recipient's open sessions (tracked for notices that need an ack). */
  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: Date, nullable: true })
  readAt!: Date | null;

  @Column({ type: Date, nullable: true })
  acknowledgedAt!: Date | null;

  /** The person who sent it, as they were then (urgent alerts); null for what the system sends. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  senderId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  senderName!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  senderRole!: StaffRole | null;
}
