import { Controller, Get, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser, Can } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { AuditSubjects } from '@derm/api/patients';
import { PatientViewAuditEntry } from '@derm/shared/contracts';
import { PatientViewAuditQuery } from './patient-view-audit.query';
import { PatientViewAuditService } from './patient-view-audit.service';

@Controller('audit')
@Can('audit:read-chart-views')
export class PatientViewAuditController {
  constructor(
    private readonly audit: PatientViewAuditService,
    private readonly subjects: AuditSubjects,
  ) {}

  @Get('patient-views')
  @Paginated()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PatientViewAuditQuery,
  ): Promise<Page<PatientViewAuditEntry>> {
    await this.subjects.checkFilters(user.tenantId, query);
    return this.audit.search(user.tenantId, query, PatientViewAuditQuery.requestedPage(query));
  }
}
