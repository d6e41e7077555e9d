import {
  ConnectionAdded,
  ConnectionRemoved,
  OnlineAccount,
  OnlineUser,
  PresenceConnection,
  PresenceStore,
  PresenceViewing,
  Renewal,
  SweepResult,
  ViewingChange,
  WentOffline,
} from './presence-store';

export interface InMemoryPresenceStoreOptions {
  /** How long an entry lives without being renewed by its node. */
  ttlMs: number;
  /** Milliseconds since the epoch; replaceable in tests. */
  now?: () => number;
}

interface OwnedConnection {
  nodeId: string;
  connection: PresenceConnection;
  expiresAt: number;
  /** Connections added under this socket id: a recovered one keeps it, maybe before the dropped one is removed. */
  additions: number;
}

interface AnnouncedUser {
  online: OnlineUser;
  /** Set while the user has no socket: the grace period runs from here. */
  lastSeenAt?: Date;
}

const key = (...parts: string[]) => parts.join('|');
const byStart = (a: PresenceViewing, b: PresenceViewing) => a.startedAt.getTime() - b.startedAt.getTime();

/**
 * The store of a single API process. It keeps the multi-node semantics (ownership, renewal,
 * expiry) so that code written against it behaves the same on a shared store.
 */
export class InMemoryPresenceStore implements PresenceStore {
  private readonly connections = new Map<string, OwnedConnection>();
  private readonly users = new Map<string, AnnouncedUser>();
  private readonly viewings = new Map<string, PresenceViewing>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor({ ttlMs, now = Date.now }: InMemoryPresenceStoreOptions) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  async addConnection(nodeId: string, connection: PresenceConnection): Promise<ConnectionAdded> {
    const { tenantId, userId, name, role, socketId, connectedAt } = connection;
    const earlier = this.connections.get(key(tenantId, socketId));
    const additions = (earlier?.nodeId === nodeId ? earlier.additions : 0) + 1;
    this.connections.set(key(tenantId, socketId), {
      nodeId,
      connection,
      expiresAt: this.now() + this.ttlMs,
      additions,
    });
    const announced = this.users.get(key(tenantId, userId));
    if (announced) {
      delete announced.lastSeenAt;
      return { cameOnline: false };
    }
    this.users.set(key(tenantId, userId), { online: { tenantId, userId, name, role, since: connectedAt } });
    return { cameOnline: true };
  }

  async removeConnection(tenantId: string, socketId: string, at: Date): Promise<ConnectionRemoved | null> {
    const owned = this.connections.get(key(tenantId, socketId));
    if (!owned) return null;
    if (owned.additions === 1) return this.drop(owned, at);
    // The dropped connection of a socket recovered since: its viewings end, the socket stays.
    owned.additions -= 1;
    const endedViewings = this.takeViewings(tenantId, socketId);
    return { remainingSockets: this.socketsOf(tenantId, owned.connection.userId), endedViewings };
  }

  async settleOffline(tenantId: string, userId: string, idleSince: Date): Promise<WentOffline | null> {
    const announced = this.users.get(key(tenantId, userId));
    const lastSeenAt = announced?.lastSeenAt;
    if (!lastSeenAt || lastSeenAt > idleSince || this.socketsOf(tenantId, userId) > 0) return null;
    this.users.delete(key(tenantId, userId));
    return { tenantId, userId, lastSeenAt };
  }

  async listOnline(tenantId: string): Promise<OnlineUser[]> {
    return [...this.users.values()]
      .map((user) => user.online)
      .filter((online) => online.tenantId === tenantId)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateAccount(tenantId: string, userId: string, { name, role }: OnlineAccount): Promise<void> {
    const announced = this.users.get(key(tenantId, userId));
    if (announced) Object.assign(announced.online, { name, role });
    for (const { connection } of this.connections.values()) {
      if (connection.tenantId === tenantId && connection.userId === userId) Object.assign(connection, { name, role });
    }
  }

  async startViewing(viewing: PresenceViewing): Promise<ViewingChange> {
    const { tenantId, socketId, patientId } = viewing;
    const viewingKey = key(tenantId, socketId, patientId);
    const socketKnown = this.connections.has(key(tenantId, socketId));
    const added = socketKnown && !this.viewings.has(viewingKey);
    if (added) this.viewings.set(viewingKey, viewing);
    return { viewing: added ? viewing : null, viewings: await this.viewingsOf(tenantId, patientId) };
  }

  async stopViewing(tenantId: string, socketId: string, patientId: string): Promise<ViewingChange> {
    const viewingKey = key(tenantId, socketId, patientId);
    const viewing = this.viewings.get(viewingKey) ?? null;
    this.viewings.delete(viewingKey);
    return { viewing, viewings: await this.viewingsOf(tenantId, patientId) };
  }

  async viewingsOf(tenantId: string, patientId: string): Promise<PresenceViewing[]> {
    return [...this.viewings.values()]
      .filter((viewing) => viewing.tenantId === tenantId && viewing.patientId === patientId)
      .sort(byStart);
  }

  /** One process holds everything it lists, and an add never fails: nothing is ever lost to put back or announce. */
  async renew(nodeId: string): Promise<Renewal> {
    const expiresAt = this.now() + this.ttlMs;
    for (const owned of this.connections.values()) {
      if (owned.nodeId === nodeId) owned.expiresAt = expiresAt;
    }
    return { backOnline: [], restoredViewings: [] };
  }

  async sweep(graceMs: number): Promise<SweepResult> {
    const now = this.now();
    const endedViewings: PresenceViewing[] = [];
    for (const owned of [...this.connections.values()]) {
      // Last renewed one TTL before it expired: that is when its user was last known to be there.
      if (owned.expiresAt <= now)
        endedViewings.push(...this.drop(owned, new Date(owned.expiresAt - this.ttlMs)).endedViewings);
    }
    const offline: WentOffline[] = [];
    for (const { online, lastSeenAt } of [...this.users.values()]) {
      if (!lastSeenAt || lastSeenAt.getTime() > now - graceMs) continue;
      const settled = await this.settleOffline(online.tenantId, online.userId, lastSeenAt);
      if (settled) offline.push(settled);
    }
    return { offline, endedViewings };
  }

  private drop({ connection }: OwnedConnection, at: Date): ConnectionRemoved {
    const { tenantId, userId, socketId } = connection;
    this.connections.delete(key(tenantId, socketId));
    const endedViewings = this.takeViewings(tenantId, socketId);
    const remainingSockets = this.socketsOf(tenantId, userId);
    const announced = this.users.get(key(tenantId, userId));
    if (remainingSockets > 0 || !announced) return { remainingSockets, endedViewings };
    announced.lastSeenAt = at;
    return { remainingSockets, lastSeenAt: at, endedViewings };
  }

  private takeViewings(tenantId: string, socketId: string): PresenceViewing[] {
    return [...this.viewings.entries()]
      .filter(([, viewing]) => viewing.tenantId === tenantId && viewing.socketId === socketId)
      .map(([viewingKey, viewing]) => {
        this.viewings.delete(viewingKey);
        return viewing;
      });
  }

  private socketsOf(tenantId: string, userId: string): number {
    let count = 0;
    for (const { connection } of this.connections.values()) {
      if (connection.tenantId === tenantId && connection.userId === userId) count += 1;
    }
    return count;
  }
}
