import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { PatientSummary } from '@derm/shared/contracts';
import { ListPatientsQuery } from './list-patients.query';
import { patientParam } from './record-reads/audited-read';
import { AuditsPatientListRead, AuditsPatientRead } from './record-reads/audits-patient-read.decorator';
import { PatientsService } from './patients.service';

@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Paginated()
  @AuditsPatientListRead('patient-list')
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListPatientsQuery): Promise<Page<PatientSummary>> {
    return this.patients.list(user.tenantId, ListPatientsQuery.requestedPage(query), query.q);
  }

  @Get(':id')
  @AuditsPatientRead('summary', patientParam('id'))
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) id: string,
  ): Promise<PatientSummary> {
    return this.patients.get(user.tenantId, id);
  }
}
