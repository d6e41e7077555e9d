import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AuthenticatedUser } from '@derm/api/auth';
import { DomainEvents } from '@derm/api/events';
import { PatientsService } from '@derm/api/patients';
import { CommandException } from '@derm/api/realtime';
import { PatientViewer } from '@derm/shared/contracts';
import { AuditedConnection } from '../audit/audited-connection';
import { PatientViewAuditService } from '../audit/patient-view-audit.service';
import { PatientViewersChanged } from '../events/patient-viewers-changed.event';
import { PRESENCE_STORE, PresenceStore, PresenceViewing, ViewingChange } from '../store/presence-store';
import { ChartViewAuditWrites } from './chart-view-audit-writes';
import { PatientRoomSeat } from './patient-room-seat';
import { changesViewers, toViewers } from './viewers';

/** Who has which chart open, per socket; every view is audited and every change announced. */
@Injectable()
export class PatientViewingService implements OnApplicationShutdown {
  private readonly logger = new Logger('PatientViewing');
  /** The last step queued for each socket, kept only while one is under way. */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    private readonly patients: PatientsService,
    private readonly audit: PatientViewAuditService,
    private readonly auditWrites: ChartViewAuditWrites,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Runs a step of one socket's viewing (a view command with its room change, or the socket's
   * disconnect) once the steps that came before it have finished. Side by side, a stop could
   * reach the store before the start it follows and leave a viewer, and an open audit row, behind.
   */
  inTurn<T>(socketId: string, step: () => Promise<T>): Promise<T> {
    const result = (this.turns.get(socketId) ?? Promise.resolve()).then(step);
    const finished = () => {
      if (this.turns.get(socketId) === turn) this.turns.delete(socketId);
    };
    const turn = result.then(finished, finished);
    this.turns.set(socketId, turn);
    return result;
  }

  /**
   * A stop has closed every socket by now, and their clean-ups are under way: each view ends in
   * the audit before the database closes (its global module shuts down after this one).
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.turns.values());
  }

  /**
   * Records the view before the socket takes its place in the patient's room, and lists it only
   * then: a view-start that waits for the store (Redis away from this node) is audited all along.
   * A view the store could not list (its node was swept meanwhile) is refused, the room left, as
   * is a view of a chart whose last view on the socket is still being ended in the audit.
   */
  async start(
    user: AuthenticatedUser,
    socketId: string,
    patientId: string,
    connection: AuditedConnection,
    seat: PatientRoomSeat,
  ): Promise<PatientViewer[]> {
    await this.patients.get(user.tenantId, patientId);
    const viewing: PresenceViewing = {
      tenantId: user.tenantId,
      patientId,
      userId: user.userId,
      name: user.name,
      socketId,
      startedAt: new Date(),
    };
    // A chart the socket views already has its row open.
    if (!seat.taken) {
      // Its new row must not be written before the last one's end.
      if (this.auditWrites.pending(viewing)) throw notRecorded();
      await this.audit.opened(viewing, connection).catch((error: unknown) => {
        this.logger.error('Recording a chart view in the audit failed', error instanceof Error ? error.stack : error);
        throw notRecorded();
      });
    }
    // In the room before the store call, so no change between the snapshot in the ack and the listing goes unheard.
    await seat.take();
    let change: ViewingChange;
    try {
      change = await this.store.startViewing(viewing);
    } catch (error) {
      this.logger.error('Recording a chart view failed', error instanceof Error ? error.stack : error);
      return this.refuse(viewing, seat);
    }
    if (!change.viewings.some((listed) => listed.socketId === socketId)) return this.refuse(viewing, seat);
    return this.announce(change, user.tenantId, patientId);
  }

  /**
   * The row ends once the socket is out of the room: nothing it hears goes unaudited. The view has
   * ended whether or not the database takes the end at once: it is written when it does.
   */
  async stop(
    user: AuthenticatedUser,
    socketId: string,
    patientId: string,
    seat: PatientRoomSeat,
  ): Promise<PatientViewer[]> {
    await this.patients.get(user.tenantId, patientId);
    const change = await this.store.stopViewing(user.tenantId, socketId, patientId);
    await seat.leave();
    if (change.viewing) await this.close(change.viewing, new Date());
    return this.announce(change, user.tenantId, patientId);
  }

  async viewers(tenantId: string, patientId: string): Promise<PatientViewer[]> {
    await this.patients.get(tenantId, patientId);
    return toViewers(await this.store.viewingsOf(tenantId, patientId));
  }

  /**
   * Viewings that ended with their socket (a disconnect, or a node that stopped renewing). One its
   * node put back meanwhile, its socket in the room all along, may have found its row still open
   * and left it be: it goes on from the end written here, once that is written.
   */
  async ended(viewings: readonly PresenceViewing[], endedAt: Date): Promise<void> {
    for (const viewing of viewings) {
      await this.close(viewing, endedAt);
      await this.auditWrites.write(viewing, 'continued', async () => {
        const listed = await this.store.viewingsOf(viewing.tenantId, viewing.patientId);
        return listed.some(({ socketId }) => socketId === viewing.socketId) && this.audit.resumed(viewing);
      });
    }
    for (const group of groupByPatient(viewings)) {
      const [first] = group;
      const remaining = await this.store.viewingsOf(first.tenantId, first.patientId);
      if (group.some((viewing) => changesViewers(viewing, remaining))) this.emitViewers(first, toViewers(remaining));
    }
  }

  /**
   * Viewings a renewal put back, their sockets having stayed in the patient rooms: those a sweep
   * ended are audited on from that end and announced again. Each in its socket's turn, after a
   * stop or disconnect already under way.
   */
  async restored(viewings: readonly PresenceViewing[]): Promise<void> {
    const resumed: PresenceViewing[] = [];
    for (const viewing of viewings) {
      if (await this.inTurn(viewing.socketId, () => this.resume(viewing))) resumed.push(viewing);
    }
    for (const [first] of groupByPatient(resumed)) {
      this.emitViewers(first, toViewers(await this.store.viewingsOf(first.tenantId, first.patientId)));
    }
  }

  /**
   * Its socket was in the room when the view was found listed, so the row goes on from the sweep's
   * end even if it is written only after the view stopped: the end, queued after it, then ends it.
   * One still being written is announced: the socket is in the room meanwhile.
   */
  private async resume(viewing: PresenceViewing): Promise<boolean> {
    const viewings = await this.store.viewingsOf(viewing.tenantId, viewing.patientId);
    if (!viewings.some(({ socketId }) => socketId === viewing.socketId)) return false;
    return (await this.auditWrites.write(viewing, 'continued', () => this.audit.resumed(viewing))) !== false;
  }

  /** Ends the row, now or, if the database fails, once it takes it. */
  private async close(viewing: PresenceViewing, endedAt: Date): Promise<void> {
    await this.auditWrites.write(viewing, 'closed', () => this.audit.closed([viewing], endedAt));
  }

  /**
   * A view the store did not list, or failed on, is no view: the socket leaves the room, its row
   * ends, and the store lets go of it. A failed start may have been recorded all the same (its
   * reply lost), and a chart the socket viewed before the failed start is not viewed any more:
   * whoever the store still listed is taken off, and the clinic told if that changes its viewers.
   */
  private async refuse(viewing: PresenceViewing, seat: PatientRoomSeat): Promise<never> {
    const { tenantId, socketId, patientId } = viewing;
    await seat.leave();
    await this.close(viewing, new Date());
    const change = await this.store.stopViewing(tenantId, socketId, patientId).catch((error: unknown) => {
      this.logger.error('Taking a refused chart view off failed', error instanceof Error ? error.stack : error);
      return null;
    });
    if (change?.viewing && changesViewers(change.viewing, change.viewings))
      this.emitViewers(change.viewing, toViewers(change.viewings));
    throw notRecorded();
  }

  /**
   * Whether the people changed is decided on the list the change made; what is told is the list as
   * it is once the audit is written, since others' changes may have come in meanwhile: of two
   * views opened at once, the one told last must not leave out the other.
   */
  private async announce(
    { viewing, viewings }: ViewingChange,
    tenantId: string,
    patientId: string,
  ): Promise<PatientViewer[]> {
    const viewers = toViewers(await this.store.viewingsOf(tenantId, patientId));
    if (viewing && changesViewers(viewing, viewings)) this.emitViewers(viewing, viewers);
    return viewers;
  }

  private emitViewers({ tenantId, patientId }: PresenceViewing, viewers: PatientViewer[]): void {
    this.events.publish(new PatientViewersChanged(tenantId, patientId, viewers));
  }
}

const notRecorded = () =>
  new CommandException('VIEW_NOT_RECORDED', 'This chart view could not be recorded; open the chart again');

function groupByPatient(viewings: readonly PresenceViewing[]): PresenceViewing[][] {
  const groups = new Map<string, PresenceViewing[]>();
  for (const viewing of viewings) {
    const key = `${viewing.tenantId}|${viewing.patientId}`;
    groups.set(key, [...(groups.get(key) ?? []), viewing]);
  }
  return [...groups.values()];
}
