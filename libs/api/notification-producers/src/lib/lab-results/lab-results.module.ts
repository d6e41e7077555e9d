import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@derm/api/notifications';
import { PatientsModule } from '@derm/api/patients';
import { PatientRecordParties } from '../patient-records/patient-record-parties';
import { LabResultEntity } from './lab-result.entity';
import { LabResultsController } from './lab-results.controller';
import { LabResultsService } from './lab-results.service';

@Module({
  imports: [TypeOrmModule.forFeature([LabResultEntity]), PatientsModule, NotificationsModule],
  controllers: [LabResultsController],
  providers: [LabResultsService, PatientRecordParties],
})
export class LabResultsModule {}
