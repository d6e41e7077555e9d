import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { AuthenticatedUser, CurrentUser } from '@derm/api/auth';
import { OnlineStaff, PatientViewers } from '@derm/shared/contracts';
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
  online(@CurrentUser() user: AuthenticatedUser): Promise<OnlineStaff[]> {
    return this.presence.online(user.tenantId);
  }

  @Get('patients/:id/viewers')
  async viewers(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) patientId: string,
  ): Promise<PatientViewers> {
    return { patientId, viewers: await this.viewing.viewers(user.tenantId, patientId) };
  }
}
