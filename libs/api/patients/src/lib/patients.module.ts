import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditSubjects } from './audit/audit-subjects.service';
import { PatientEntity } from './patient.entity';
import { PatientsController } from './patients.controller';
import { PatientsService } from './patients.service';
import { PatientRecordReadEntity } from './record-reads/patient-record-read.entity';
import { PatientRecordReadInterceptor } from './record-reads/patient-record-read.interceptor';
import { PatientRecordReadsController } from './record-reads/patient-record-reads.controller';
import { PatientRecordReads } from './record-reads/patient-record-reads.service';

/** Patients, and the access log of REST reads of their records that every route reading them writes. */
@Module({
  imports: [TypeOrmModule.forFeature([PatientEntity, PatientRecordReadEntity])],
  controllers: [PatientsController, PatientRecordReadsController],
  providers: [PatientsService, AuditSubjects, PatientRecordReads, PatientRecordReadInterceptor],
  exports: [PatientsService, AuditSubjects, PatientRecordReads, PatientRecordReadInterceptor],
})
export class PatientsModule {}
