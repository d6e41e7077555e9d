import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { Page, Paginated } from '@derm/api/database';
import { ParseLowerCaseUuidPipe } from '@derm/api/http';
import { AuditsPatientRead, patientParam } from '@derm/api/patients';
import { OnlineStaff, PatientViewers } from '@derm/shared/contracts';
import { ListOnlineQuery } from './dto/list-online.query';
import { PresenceService } from './presence.service';
import { PatientViewingService } from './viewing/patient-viewing.service';

/** The REST snapshots of what the socket keeps current: who is online, who views a chart. */
@Controller()
export class PresenceController {
  constructor(
    private readonly presence: PresenceService,
    private readonly viewing: PatientViewingService,
  ) {}

  @Get('presence/online')
  @Paginated()
  online(@CurrentUser() user: AuthenticatedUser, @Query() page: ListOnlineQuery): Promise<Page<OnlineStaff>> {
    return this.presence.onlinePage(user.tenantId, ListOnlineQuery.requestedPage(page));
  }

  /** Who has the patient's chart open: a read of that chart's viewers, in the access log. */
  @Get('patients/:id/viewers')
  @AuditsPatientRead('chart-viewers', patientParam('id'))
  async viewers(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseLowerCaseUuidPipe) patientId: string,
  ): Promise<PatientViewers> {
    return { patientId, viewers: await this.viewing.viewers(user.tenantId, patientId) };
  }
}
