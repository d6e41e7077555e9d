import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@derm/api/notifications';
import { PatientsModule } from '@derm/api/patients';
import { PatientRecordParties } from '../patient-records/patient-record-parties';
import { PriorAuthEntity } from './prior-auth.entity';
import { PriorAuthsController } from './prior-auths.controller';
import { PriorAuthsService } from './prior-auths.service';

@Module({
  imports: [TypeOrmModule.forFeature([PriorAuthEntity]), PatientsModule, NotificationsModule],
  controllers: [PriorAuthsController],
  providers: [PriorAuthsService, PatientRecordParties],
})
export class PriorAuthsModule {}
