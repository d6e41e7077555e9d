import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuditsPatientRead, patientParam } from '@derm/api/patients';
import { AppointmentSummary } from '@derm/shared/contracts';
import { AppointmentsService } from './appointments.service';
import { ListPatientVisitsQuery } from './dto/list-patient-visits.query';

/** A patient's visits, for the chart page: the schedule read by patient rather than by day. */
@Controller('patients/:patientId/appointments')
export class PatientVisitsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** From the start of the clinic's today, earliest first. */
  @Get()
  @Paginated()
  @AuditsPatientRead('visits', patientParam('patientId'))
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('patientId', ParseLowerCaseUuidPipe) patientId: string,
    @Query() page: ListPatientVisitsQuery,
  ): Promise<Page<AppointmentSummary>> {
    return this.appointments.listForPatient(user, patientId, ListPatientVisitsQuery.requestedPage(page));
  }
}
