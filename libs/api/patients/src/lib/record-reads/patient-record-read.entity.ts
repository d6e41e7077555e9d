import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';
import type { PatientRecordRead } from '@derm/shared/contracts';

/** One successful REST read of a patient's records (or of a list of many patients): who, what, when, how. Never content. */
@Entity({ name: 'patient_record_reads' })
@Index(['tenantId', 'patientId', 'readAt'])
@Index(['tenantId', 'userId', 'readAt'])
export class PatientRecordReadEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  /** Unset for a read of a list carrying many patients. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  patientId!: string | null;

  /** Every read kind fits its 16 characters (the entity's spec checks): no check constraint to migrate. */
  @Column({ type: 'varchar', length: 16 })
  kind!: PatientRecordRead;

  /** The sign-in (token `sid`) whose token made the read. */
  @Column({ type: 'varchar', length: 36 })
  signInSessionId!: string;

  /** "Chrome 131 on Linux", from the request's user agent. */
  @Column({ type: 'varchar', length: 64 })
  client!: string;

  @Column({ type: Date })
  readAt!: Date;
}
