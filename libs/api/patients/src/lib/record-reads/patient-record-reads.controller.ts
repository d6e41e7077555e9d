import { Controller, Get, Query } from '@nestjs/common';
import { AuthenticatedUser, Can, CurrentUser } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { PatientRecordReadEntry } from '@derm/shared/contracts';
import { AuditSubjects } from '../audit/audit-subjects.service';
import { PatientRecordReadsQuery } from './patient-record-reads.query';
import { PatientRecordReads } from './patient-record-reads.service';

/** The access log of REST reads of patients' records, for whoever answers for the clinic's privacy. */
@Controller('audit')
@Can('audit:read-record-reads')
export class PatientRecordReadsController {
  constructor(
    private readonly reads: PatientRecordReads,
    private readonly subjects: AuditSubjects,
  ) {}

  @Get('patient-record-reads')
  @Paginated()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PatientRecordReadsQuery,
  ): Promise<Page<PatientRecordReadEntry>> {
    await this.subjects.checkFilters(user.tenantId, query);
    return this.reads.search(user.tenantId, query, PatientRecordReadsQuery.requestedPage(query));
  }
}
