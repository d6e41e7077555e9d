import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientsModule } from '@derm/api/patients';
import { AppointmentEntity } from './appointment.entity';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsGateway } from './appointments.gateway';
import { AppointmentsService } from './appointments.service';
import { Clock } from './clock';
import { PatientVisitsController } from './patient-visits.controller';

@Module({
  imports: [TypeOrmModule.forFeature([AppointmentEntity]), PatientsModule],
  controllers: [AppointmentsController, PatientVisitsController],
  providers: [AppointmentsService, AppointmentsGateway, Clock],
  exports: [AppointmentsService],
})
export class AppointmentsModule {}
