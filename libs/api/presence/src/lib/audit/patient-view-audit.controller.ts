import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser, Can, StaffDirectory } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { PatientsService } from '@derm/api/patients';
import { PatientViewAuditEntry } from '@derm/shared/contracts';
import { PatientViewAuditQuery } from './patient-view-audit.query';
import { PatientViewAuditService } from './patient-view-audit.service';

@Controller('audit')
@Can('audit:read-chart-views')
export class PatientViewAuditController {
  constructor(
    private readonly audit: PatientViewAuditService,
    private readonly patients: PatientsService,
    private readonly staff: StaffDirectory,
  ) {}

  @Get('patient-views')
  @Paginated()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PatientViewAuditQuery,
  ): Promise<Page<PatientViewAuditEntry>> {
    // A filter by a stranger is 404, as other routes answer it, rather than an audit that reads as "no views".
    if (query.patientId) await this.patients.get(user.tenantId, query.patientId);
    if (query.userId && !(await this.staff.findOne(user.tenantId, query.userId))) {
      throw new NotFoundException(`Staff member ${query.userId} not found`);
    }
    return this.audit.search(user.tenantId, query, PatientViewAuditQuery.requestedPage(query));
  }
}
