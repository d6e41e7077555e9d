import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';

@Entity({ name: 'announcements' })
@Index(['tenantId', 'createdAt'])
export class AnnouncementEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  body!: string;

  @Column({ type: 'varchar', length: 36 })
  authorId!: string;

  @Column({ type: 'integer', default: 0 })
  recipients!: number;

  @Column({ type: Date })
  createdAt!: Date;
}
