import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AuthenticatedUser, StaffAccountChanged } from '@derm/api/auth';
import { inMemoryPage, Page, PageRequest } from '@derm/api/database';
import { AppConfig } from '@derm/api/config';
import { DomainEvents, OnDomainEvent } from '@derm/api/events';
import { OnlineStaff } from '@derm/shared/contracts';
import { StaffCameOnline } from './events/staff-came-online.event';
import { StaffWentOffline } from './events/staff-went-offline.event';
import { PresenceNode } from './store/presence-node';
import { ConnectionRemoved, OnlineUser, PRESENCE_STORE, PresenceStore, WentOffline } from './store/presence-store';
import { PatientViewingService } from './viewing/patient-viewing.service';

/**
 * Online means at least one socket, on any node. The first socket announces the user; the last
 * one starts a grace period, and only a user still without a socket at its end is announced
 * offline, so a page reload does not flap.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    private readonly node: PresenceNode,
    private readonly config: AppConfig,
    private readonly viewing: PatientViewingService,
    private readonly events: DomainEvents,
  ) {}

  async connect(user: AuthenticatedUser, socketId: string): Promise<void> {
    const { tenantId, userId, name, role } = user;
    this.cancelGrace(tenantId, userId);
    const { cameOnline } = await this.store.addConnection(this.node.id, {
      tenantId,
      userId,
      name,
      role,
      socketId,
      connectedAt: new Date(),
    });
    if (cameOnline) this.events.publish(new StaffCameOnline(tenantId, userId, name, role));
  }

  async disconnect(user: AuthenticatedUser, socketId: string): Promise<void> {
    // After the socket's view commands still under way: none may record a viewing its end missed.
    const removed = await this.viewing.inTurn(socketId, () => this.removeConnection(user.tenantId, socketId));
    // Its connect failed, though it had put the user online: nobody was told until now.
    if (removed?.unannounced) this.announceOnline(removed.unannounced);
    if (removed?.lastSeenAt) this.startGrace(user.tenantId, user.userId, removed.lastSeenAt);
  }

  async online(tenantId: string): Promise<OnlineStaff[]> {
    const users = await this.store.listOnline(tenantId);
    return users.map(({ userId, name, role, since }) => ({ userId, name, role, since: since.toISOString() }));
  }

  /**
   * A re-roled colleague is listed with the new role from now on; the clinic's open lists follow
   * `staff:changed` themselves. Heard on the node that made the change: the store is shared.
   */
  @OnDomainEvent(StaffAccountChanged)
  async accountChanged({ tenantId, account: { id, name, role } }: StaffAccountChanged): Promise<void> {
    try {
      await this.store.updateAccount(tenantId, id, { name, role });
    } catch (error) {
      this.logger.error('Updating an online entry failed', error instanceof Error ? error.stack : error);
    }
  }

  /** The REST list: by name, a page at a time (a clinic's staff; the store holds them all anyway). */
  async onlinePage(tenantId: string, page: PageRequest): Promise<Page<OnlineStaff>> {
    return inMemoryPage(
      await this.online(tenantId),
      (staff) => staff.name,
      (staff) => staff.userId,
      page,
    );
  }

  /**
   * Keeps this node's entries alive. Those other nodes swept while it could not reach the store
   * are put back, its sockets being still connected and in their rooms: the clinic, told they
   * went, is told they are back. A socket whose connect failed to be recorded is recorded now,
   * and the clinic told of its user if that brings them online.
   */
  async renew(): Promise<void> {
    const { backOnline, restoredViewings } = await this.store.renew(this.node.id);
    backOnline.forEach((user) => this.announceOnline(user));
    await this.viewing.restored(restoredViewings);
  }

  /** Keeps this node's entries alive and cleans up after nodes that stopped (and missed graces). */
  async renewAndSweep(): Promise<void> {
    await this.renew();
    const { offline, endedViewings } = await this.store.sweep(this.config.presenceGraceMs);
    await this.viewing.ended(endedViewings, new Date());
    offline.forEach((user) => this.announceOffline(user));
  }

  onModuleDestroy(): void {
    this.graceTimers.forEach((timer) => clearTimeout(timer));
    this.graceTimers.clear();
  }

  /** Removes the socket and ends its viewings. */
  private async removeConnection(tenantId: string, socketId: string): Promise<ConnectionRemoved | null> {
    const at = new Date();
    const removed = await this.store.removeConnection(tenantId, socketId, at);
    if (removed) await this.viewing.ended(removed.endedViewings, at);
    return removed;
  }

  private startGrace(tenantId: string, userId: string, lastSeenAt: Date): void {
    this.cancelGrace(tenantId, userId);
    const timer = setTimeout(() => {
      this.graceTimers.delete(graceKey(tenantId, userId));
      void this.settle(tenantId, userId, lastSeenAt);
    }, this.config.presenceGraceMs);
    // The sweep settles the user if the process exits first; the timer must not hold it open.
    timer.unref();
    this.graceTimers.set(graceKey(tenantId, userId), timer);
  }

  private cancelGrace(tenantId: string, userId: string): void {
    clearTimeout(this.graceTimers.get(graceKey(tenantId, userId)));
    this.graceTimers.delete(graceKey(tenantId, userId));
  }

  private async settle(tenantId: string, userId: string, lastSeenAt: Date): Promise<void> {
    try {
      const settled = await this.store.settleOffline(tenantId, userId, lastSeenAt);
      if (settled) this.announceOffline(settled);
    } catch (error) {
      this.logger.error('Settling a user offline failed', error instanceof Error ? error.stack : error);
    }
  }

  private announceOnline({ tenantId, userId, name, role }: OnlineUser): void {
    this.events.publish(new StaffCameOnline(tenantId, userId, name, role));
  }

  private announceOffline({ tenantId, userId, lastSeenAt }: WentOffline): void {
    this.events.publish(new StaffWentOffline(tenantId, userId, lastSeenAt));
  }
}

const graceKey = (tenantId: string, userId: string) => `${tenantId}|${userId}`;
