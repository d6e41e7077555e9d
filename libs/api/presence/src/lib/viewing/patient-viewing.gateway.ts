import { OnDomainEvent } from '@derm/api/events';
import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage } from '@nestjs/websockets';
import { audience, RealtimeGateway, RealtimeSocket, TenantBroadcaster } from '@derm/api/realtime';
import { Ack, PatientViewsResult } from '@derm/shared/contracts';
import { auditedConnection } from '../audit/audited-connection';
import { PatientRefDto } from '../dto/patient-ref.dto';
import { PatientViewersChanged } from '../events/patient-viewers-changed.event';
import { ensurePlaceToView, leaveChartsOnDisconnect, patientRoomsOf } from './charts-viewed';
import { patientRoomSeat } from './patient-room-seat';
import { PatientViewingService } from './patient-viewing.service';
import { SilentViewers } from './silent-viewers';

/**
 * A socket viewing a chart is in the patient's room, which hears every change of its viewers. A
 * socket's view commands take effect one at a time, in the order they came, so its room and the
 * list always agree with the last of them, and its patient rooms count the charts it views.
 */
@RealtimeGateway()
export class PatientViewingGateway implements OnGatewayConnection {
  constructor(
    private readonly viewing: PatientViewingService,
    private readonly broadcaster: TenantBroadcaster,
    private readonly silentViewers: SilentViewers,
  ) {}

  /**
   * A session kept for recovery holds no patient room (`leaveChartsOnDisconnect`); one kept by a
   * node of an earlier build may, and its viewings ended with its disconnect all the same.
   */
  async handleConnection(socket: RealtimeSocket): Promise<void> {
    if (!socket.recovered) return;
    await Promise.all(patientRoomsOf(socket).map((room) => socket.leave(room)));
  }

  @SubscribeMessage('patient:view-start')
  start(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { patientId }: PatientRefDto,
  ): Promise<Ack<PatientViewsResult>> {
    return this.viewing.inTurn(socket.id, async () => {
      ensurePlaceToView(socket, patientId);
      leaveChartsOnDisconnect(socket);
      const seat = patientRoomSeat(socket, patientId);
      const viewers = await this.viewing.start(socket.data, socket.id, patientId, auditedConnection(socket), seat);
      this.silentViewers.watch(socket);
      return { ok: true, viewers };
    });
  }

  @SubscribeMessage('patient:view-stop')
  stop(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() { patientId }: PatientRefDto,
  ): Promise<Ack<PatientViewsResult>> {
    return this.viewing.inTurn(socket.id, async () => ({
      ok: true,
      viewers: await this.viewing.stop(socket.data, socket.id, patientId, patientRoomSeat(socket, patientId)),
    }));
  }

  @OnDomainEvent(PatientViewersChanged)
  viewersChanged({ tenantId, patientId, viewers }: PatientViewersChanged): void {
    this.broadcaster.signal(audience.patient(tenantId, patientId), 'patient:viewers', { patientId, viewers });
  }
}
