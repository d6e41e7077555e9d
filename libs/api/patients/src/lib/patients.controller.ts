import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { PatientSummary } from '@derm/shared/contracts';
import { PatientsService } from './patients.service';

@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser): Promise<PatientSummary[]> {
    return this.patients.list(user.tenantId);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<PatientSummary> {
    return this.patients.get(user.tenantId, id);
  }
}
