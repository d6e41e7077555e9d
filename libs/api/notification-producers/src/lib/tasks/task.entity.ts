import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';

@Entity({ name: 'tasks' })
@Index(['tenantId', 'assigneeId', 'createdAt'])
export class TaskEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 36 })
  assigneeId!: string;

  @Column({ type: 'varchar', length: 36 })
  createdById!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  patientId!: string | null;

  @Column({ type: Date, nullable: true })
  dueAt!: Date | null;

  @Column({ type: Date })
  createdAt!: Date;
}
