import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';
import { PatientEntity } from '@derm/api/patients';

/** A row about one patient of the clinic, loaded with the patient's display name when needed. */
export abstract class PatientRecordEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  patientId!: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patientId' })
  patient!: PatientEntity;
}
