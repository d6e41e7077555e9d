import { OnGatewayConnection, WebSocketServer } from '@nestjs/websockets';
import { SessionChecker, StaffSessionsChanged, TokenRejectedError } from '@derm/api/auth';
import { OnDomainEvent } from '@derm/api/events';
import {
  audience,
  RealtimeGateway,
  RecoveredRooms,
  RealtimeServer,
  RealtimeSocket,
  rooms,
  TenantBroadcaster,
} from '@derm/api/realtime';
import { roleMay } from '@derm/shared/contracts';
import { ClinicMinuteCounted } from './activity/clinic-minute-counted.event';
import { RefusalRecorded } from './refusals/refusal-recorded.event';

/**
 * The live half of the operations page: a clinic's admins' sockets are in its admins room, which
 * alone hears the minute counts and the refused handshakes of that clinic (each with its list entry).
 */
@RealtimeGateway()
export class OperationsGateway implements OnGatewayConnection {
  @WebSocketServer() private readonly server!: RealtimeServer;

  constructor(
    private readonly broadcaster: TenantBroadcaster,
    private readonly sessions: SessionChecker,
    recoveredRooms: RecoveredRooms,
  ) {
    // Someone who lost the role while away is not given back the admins room, nor what it heard.
    recoveredRooms.check(
      (session, held) => roleMay(session.role, 'operations:watch') || !held.includes(rooms.admins(session.tenantId)),
    );
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    await this.placeInAdminsRoom(socket, socket.data.role);
  }

  /** A role given or taken away applies to the person's open sockets at once, on every node. */
  @OnDomainEvent(StaffSessionsChanged)
  async roleMayHaveChanged({ tenantId, userId }: StaffSessionsChanged): Promise<void> {
    const namespace = this.server.of('/');
    const ids = namespace.adapter.rooms.get(rooms.user(tenantId, userId)) ?? new Set<string>();
    for (const socket of [...ids].map((id) => namespace.sockets.get(id))) {
      if (!socket) continue;
      try {
        const { role } = await this.sessions.recheck(socket.data, socket.data);
        await this.placeInAdminsRoom(socket, role);
      } catch (error) {
        if (!(error instanceof TokenRejectedError)) throw error;
        await socket.leave(rooms.admins(tenantId));
      }
    }
  }

  @OnDomainEvent(ClinicMinuteCounted)
  minuteCounted({ tenantId, minute, count }: ClinicMinuteCounted): void {
    this.broadcaster.signal(audience.admins(tenantId), 'operations:activity', {
      minute: new Date(minute).toISOString(),
      count,
    });
  }

  @OnDomainEvent(RefusalRecorded)
  refusalRecorded({ tenantId, refusal }: RefusalRecorded): void {
    this.broadcaster.signal(audience.admins(tenantId), 'operations:refusal', refusal);
  }

  private async placeInAdminsRoom(socket: RealtimeSocket, role: RealtimeSocket['data']['role']): Promise<void> {
    const room = rooms.admins(socket.data.tenantId);
    if (roleMay(role, 'operations:watch')) await socket.join(room);
    else await socket.leave(room);
  }
}
