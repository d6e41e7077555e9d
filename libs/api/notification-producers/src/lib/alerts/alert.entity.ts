import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';

/** An urgent alert as sent; each recipient's copy is a notification sharing `notificationId`. */
@Entity({ name: 'alerts' })
@Index(['tenantId', 'createdAt'])
@Index(['escalationDueAt'])
export class AlertEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  notificationId!: string;

  @Column({ type: 'varchar', length: 36 })
  senderId!: string;

  @Column({ type: 'varchar', length: 200 })
  senderName!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  body!: string | null;

  /** Alerts to named people go to the admins when not acknowledged in time. */
  @Column({ type: 'boolean', default: false })
  escalates!: boolean;

  /** Set while an escalation is pending; cleared once everyone acknowledged or it escalated. */
  @Column({ type: Date, nullable: true })
  escalationDueAt!: Date | null;

  @Column({ type: Date, nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: Date })
  createdAt!: Date;
}
