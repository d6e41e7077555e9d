import { Column, Entity, Index } from 'typeorm';
import { PatientRecordEntity } from '../patient-records/patient-record.entity';

/** That a result is ready, and for whom: the values stay in the lab system and the EHR. */
@Entity({ name: 'lab_results' })
@Index(['tenantId', 'patientId'])
export class LabResultEntity extends PatientRecordEntity {
  @Column({ type: 'varchar', length: 36 })
  orderingProviderId!: string;

  @Column({ type: 'varchar', length: 200 })
  testName!: string;

  @Column({ type: Date })
  readyAt!: Date;
}
