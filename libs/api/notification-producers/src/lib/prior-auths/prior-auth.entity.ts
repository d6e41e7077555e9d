import { Column, Entity, Index } from 'typeorm';
import { PriorAuthStatus } from '@derm/shared/contracts';
import { PatientRecordEntity } from '../patient-records/patient-record.entity';

/** A prior authorization request to a payer: tracked by status only, never its clinical file. */
@Entity({ name: 'prior_auths' })
@Index(['tenantId', 'patientId'])
export class PriorAuthEntity extends PatientRecordEntity {
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
