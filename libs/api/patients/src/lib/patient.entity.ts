import { Column, Entity } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';

/** Identity only: charts and clinical content live in the EHR, not in the real-time layer. */
@Entity({ name: 'patients' })
export class PatientEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  dateOfBirth!: string;

  @Column({ type: 'varchar', length: 40 })
  mrn!: string;
}
