import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';
import { PatientEntity } from '@derm/api/patients';

/** That a result is ready, and for whom: the values stay in the lab system and the EHR. */
@Entity({ name: 'lab_results' })
@Index(['tenantId', 'patientId'])
export class LabResultEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  patientId!: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patientId' })
  patient!: PatientEntity;

  @Column({ type: 'varchar', length: 36 })
  orderingProviderId!: string;

  @Column({ type: 'varchar', length: 200 })
  testName!: string;

  @Column({ type: Date })
  readyAt!: Date;
}
