import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';
import { PatientEntity } from '@derm/api/patients';
import { PriorAuthStatus } from '@derm/shared/contracts';

/** A prior authorization request to a payer: tracked by status only, never its clinical file. */
@Entity({ name: 'prior_auths' })
@Index(['tenantId', 'patientId'])
export class PriorAuthEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  patientId!: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patientId' })
  patient!: PatientEntity;

  @Column({ type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ type: 'varchar', length: 200 })
  procedure!: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: PriorAuthStatus;

  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: Date })
  updatedAt!: Date;
}
