import { Injectable } from '@nestjs/common';
import { PresenceService } from '@derm/api/presence';
import { OperationsSnapshot } from '@derm/shared/contracts';
import { EventsPerMinute } from './activity/events-per-minute.service';
import { RecentRefusals } from './refusals/recent-refusals.service';

/** What an admin's operations page starts from; the gateway keeps it current. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly presence: PresenceService,
    private readonly eventsPerMinute: EventsPerMinute,
    private readonly refusals: RecentRefusals,
  ) {}

  async snapshot(tenantId: string): Promise<OperationsSnapshot> {
    const [connectedStaff, eventsPerMinute, refusals] = await Promise.all([
      this.presence.online(tenantId),
      this.eventsPerMinute.window(tenantId),
      this.refusals.of(tenantId),
    ]);
    return { connectedStaff, eventsPerMinute, refusals, scope: this.eventsPerMinute.scope };
  }
}
