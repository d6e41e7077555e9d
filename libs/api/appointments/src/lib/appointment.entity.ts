import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { StaffMemberEntity } from '@derm/api/auth';
import { TenantScopedEntity } from '@derm/api/database';
import { PatientEntity } from '@derm/api/patients';
import { AppointmentStatus, AppointmentType } from '@derm/shared/contracts';

@Entity({ name: 'appointments' })
@Index(['tenantId', 'startsAt'])
export class AppointmentEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  patientId!: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patientId' })
  patient!: PatientEntity;

  @Column({ type: 'varchar', length: 36 })
  providerId!: string;

  @ManyToOne(() => StaffMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'providerId' })
  provider!: StaffMemberEntity;

  @Column({ type: Date })
  startsAt!: Date;

  @Column({ type: Date })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status!: AppointmentStatus;

  @Column({ type: 'varchar', length: 20, default: 'consultation' })
  type!: AppointmentType;

  @Column({ type: Date, nullable: true })
  checkedInAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason!: string | null;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;

  /**
   * Every update through TypeORM adds one in the same statement: what `If-Match` is checked
   * against. The default numbers the rows stored before the column existed.
   */
  @VersionColumn({ default: 1 })
  version!: number;
}
