import { randomUUID } from 'node:crypto';
import type { RedisClient, RedisScript } from '@derm/api/redis';
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
import {
  ADD_CONNECTION,
  REMOVE_CONNECTION,
  RENEW,
  SETTLE_OFFLINE,
  START_VIEWING,
  STOP_VIEWING,
  SWEEP,
  UPDATE_ACCOUNT,
} from './redis-presence.scripts';

export interface RedisPresenceStoreOptions {
  /** Prefix of every key of the store (the deployment's REDIS_KEY_PREFIX included). */
  keyPrefix: string;
  /** How long an entry lives without being renewed by its node. */
  ttlMs: number;
  /** How often nodes renew and sweep: a longer wait for a renewal means Redis was away. */
  renewEveryMs: number;
  /** The timing every node of the deployment must share, kept alive in Redis by each renewal. */
  settings: string;
  /** Milliseconds since the epoch; replaceable in tests. */
  now?: () => number;
}

type Dropped = [
  remaining: number,
  lastSeenAt: string | number | null,
  endedViewings: string[],
  unannounced: string | null,
];

/**
 * How long a swept node's mark, and a renewal's answer, are kept for it to renew: past a day cut
 * off, its users are not announced again.
 */
const SWEPT_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * A socket's failed add: `mark` is the id its recording put its user online under, if it did;
 * `lostAdds` the ids of the socket's adds that failed since, any of which may have claimed the
 * announcement with its answer lost, so a renewal or removal may take it over from them.
 */
interface Unannounced {
  mark: string;
  lostAdds: string[];
}

const byStart = (a: PresenceViewing, b: PresenceViewing) => a.startedAt.getTime() - b.startedAt.getTime();

function toViewing(json: string): PresenceViewing {
  const viewing = JSON.parse(json) as PresenceViewing & { startedAt: string };
  return { ...viewing, startedAt: new Date(viewing.startedAt) };
}

function toOnline(json: string): OnlineUser {
  const online = JSON.parse(json) as OnlineUser & { since: string };
  return { ...online, since: new Date(online.since) };
}

/**
 * The store shared by the nodes of a deployment, in Redis; each operation is one Lua script, so
 * atomic across nodes, and each lapsed or settled entry is reported to exactly one caller.
 *
 * It also remembers what its own process holds (sockets and their viewings), and every renewal
 * asserts all of it: an entry Redis lost (restart without persistence) or swept while this node
 * could not reach it comes back within one renewal, without anyone reconnecting.
 *
 * A node's sockets lapse with the node's own last renewal. Only a sweeper whose renewals have
 * gone through on time for a whole TTL declares another node dead, so a Redis outage (or this
 * node's start) gives every node a full TTL to renew again, while a node that renewed after
 * the outage, or never lived through one, lapses on its own renewal alone.
 */
export class RedisPresenceStore implements PresenceStore {
  /**
   * This process's sockets; `additions` counts connections under one id (a recovered one keeps it),
   * `unannounced` is kept from an add that failed, so nobody was told of it, until a renewal
   * records it (or the socket's removal reports it).
   */
  private readonly held = new Map<
    string,
    { nodeId: string; connection: PresenceConnection; additions: number; unannounced?: Unannounced }
  >();
  private readonly heldViewings = new Map<string, PresenceViewing>();
  /** Per node, the id of a renewal that failed, maybe with its answer lost: the next goes on under it. */
  private readonly unansweredRenewals = new Map<string, string>();
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly maxGapMs: number;
  private readonly settings: string;
  private readonly now: () => number;
  /** When this node's last renewal went through. */
  private renewedAt?: number;
  /** Since when this node's renewals have gone through on time; nobody lapses before a TTL of it. */
  private contactSince?: number;

  constructor(
    private readonly redis: RedisClient,
    { keyPrefix, ttlMs, renewEveryMs, settings, now = Date.now }: RedisPresenceStoreOptions,
  ) {
    this.prefix = keyPrefix;
    this.ttlMs = ttlMs;
    // Renewals go through once per period; half a period more than that means Redis was away.
    this.maxGapMs = 1.5 * renewEveryMs;
    this.settings = settings;
    this.now = now;
  }

  async addConnection(nodeId: string, connection: PresenceConnection): Promise<ConnectionAdded> {
    const { tenantId, socketId, userId } = connection;
    const earlier = this.held.get(`${tenantId}|${socketId}`);
    const ours = earlier?.nodeId === nodeId ? earlier : undefined;
    const additions = (ours?.additions ?? 0) + 1;
    const { unannounced } = ours ?? {};
    const addId = randomUUID();
    // An earlier add here that failed is not yet announced: this one goes on under its mark, so that
    // the mark of whichever put the user online is found (an earlier add that announced is not).
    const mark = unannounced?.mark ?? addId;
    const held = { nodeId, connection, additions, unannounced };
    this.held.set(`${tenantId}|${socketId}`, held);
    let cameOnline: unknown;
    try {
      cameOnline = await this.run(ADD_CONNECTION, [
        nodeId,
        this.now(),
        tenantId,
        socketId,
        userId,
        JSON.stringify(connection),
        this.onlineJson(connection),
        mark,
        addId,
        JSON.stringify(unannounced?.lostAdds ?? []),
      ]);
    } catch (error) {
      // The socket stays held, and renewed: the renewal that records it tells whom to announce.
      held.unannounced = { mark, lostAdds: [...(unannounced?.lostAdds ?? []), addId] };
      throw error;
    }
    // Answered: announced now if this add claimed it, or by whoever claimed it before.
    held.unannounced = undefined;
    return { cameOnline: cameOnline === 1 };
  }

  async removeConnection(tenantId: string, socketId: string, at: Date): Promise<ConnectionRemoved | null> {
    const held = this.held.get(`${tenantId}|${socketId}`);
    const viewed = this.heldViewingsOf(tenantId, socketId).map((viewing) => viewing.patientId);
    if (!held) return null;
    // The dropped connection of a socket recovered here since: its viewings end, the socket stays ours.
    const recoveredHere = held.additions > 1;
    if (recoveredHere) {
      held.additions -= 1;
      this.forgetViewings(tenantId, socketId);
    } else this.forget(tenantId, socketId);
    const dropped = (await this.run(REMOVE_CONNECTION, [
      tenantId,
      socketId,
      at.getTime(),
      recoveredHere ? '' : held.nodeId,
      JSON.stringify(viewed),
      // Forgotten now, a failed add is not left for a renewal to report.
      recoveredHere ? '' : (held.unannounced?.mark ?? ''),
      JSON.stringify(held.unannounced?.lostAdds ?? []),
      randomUUID(),
    ])) as Dropped | null;
    if (!dropped) return null;
    const [remainingSockets, lastSeenAt, ended, unannounced] = dropped;
    return {
      remainingSockets,
      ...(lastSeenAt === null ? {} : { lastSeenAt: new Date(Number(lastSeenAt)) }),
      endedViewings: ended.map(toViewing),
      ...(unannounced ? { unannounced: toOnline(unannounced) } : {}),
    };
  }

  async settleOffline(tenantId: string, userId: string, idleSince: Date): Promise<WentOffline | null> {
    const lastSeenAt = await this.run(SETTLE_OFFLINE, [tenantId, userId, idleSince.getTime()]);
    return lastSeenAt === null ? null : { tenantId, userId, lastSeenAt: new Date(Number(lastSeenAt)) };
  }

  async listOnline(tenantId: string): Promise<OnlineUser[]> {
    const users = await this.redis.hvals(this.key('online', tenantId));
    return users.map(toOnline).sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateAccount(tenantId: string, userId: string, { name, role }: OnlineAccount): Promise<void> {
    // This node's sockets of the user are asserted again on renewal: they must not bring back the old role.
    for (const { connection } of this.held.values()) {
      if (connection.tenantId === tenantId && connection.userId === userId) Object.assign(connection, { name, role });
    }
    await this.run(UPDATE_ACCOUNT, [tenantId, userId, name, role]);
  }

  async startViewing(viewing: PresenceViewing): Promise<ViewingChange> {
    const { tenantId, socketId, patientId } = viewing;
    const held = this.held.get(`${tenantId}|${socketId}`);
    const viewingKey = `${tenantId}|${socketId}|${patientId}`;
    if (held) this.heldViewings.set(viewingKey, viewing);
    let added: number, viewings: string[];
    try {
      [added, viewings] = (await this.run(START_VIEWING, [
        tenantId,
        socketId,
        patientId,
        JSON.stringify(viewing),
        held?.nodeId ?? '',
      ])) as [number, string[]];
    } catch (error) {
      // A start that failed is no view: the next renewal must not put it back for others to see.
      this.heldViewings.delete(viewingKey);
      throw error;
    }
    return { viewing: added === 1 ? viewing : null, viewings: viewings.map(toViewing).sort(byStart) };
  }

  async stopViewing(tenantId: string, socketId: string, patientId: string): Promise<ViewingChange> {
    this.heldViewings.delete(`${tenantId}|${socketId}|${patientId}`);
    const [removed, viewings] = (await this.run(STOP_VIEWING, [tenantId, socketId, patientId])) as [
      string | null,
      string[],
    ];
    return { viewing: removed ? toViewing(removed) : null, viewings: viewings.map(toViewing).sort(byStart) };
  }

  async viewingsOf(tenantId: string, patientId: string): Promise<PresenceViewing[]> {
    const viewings = await this.redis.hvals(this.key('viewers', `${tenantId}|${patientId}`));
    return viewings.map(toViewing).sort(byStart);
  }

  async renew(nodeId: string): Promise<Renewal> {
    const ours = [...this.held.values()].filter((held) => held.nodeId === nodeId);
    const unannounced = ours.filter((held) => held.unannounced);
    const connections = ours.map(({ connection, unannounced }) => ({
      t: connection.tenantId,
      s: connection.socketId,
      u: connection.userId,
      data: JSON.stringify(connection),
      online: this.onlineJson(connection),
      ...(unannounced ? { unannounced: unannounced.mark, lostAdds: unannounced.lostAdds } : {}),
    }));
    const viewings = [...this.heldViewings.values()].map((viewing) => ({
      t: viewing.tenantId,
      s: viewing.socketId,
      p: viewing.patientId,
      data: JSON.stringify(viewing),
    }));
    const renewalId = this.unansweredRenewals.get(nodeId) ?? randomUUID();
    let backOnline: string[], restored: string[];
    try {
      [backOnline, restored] = (await this.run(RENEW, [
        nodeId,
        this.now(),
        this.settings,
        this.ttlMs,
        JSON.stringify({ connections, viewings }),
        renewalId,
        SWEPT_KEPT_MS,
      ])) as [string[], string[]];
    } catch (error) {
      // It may have run, putting back what a sweep took: only its answer tells whom to announce.
      this.unansweredRenewals.set(nodeId, renewalId);
      throw error;
    }
    this.unansweredRenewals.delete(nodeId);
    // Recorded now, and their users reported if this recorded them online: announced.
    unannounced.forEach((held) => (held.unannounced = undefined));
    const renewedAt = this.now();
    if (this.renewedAt === undefined || renewedAt - this.renewedAt > this.maxGapMs) this.contactSince = renewedAt;
    this.renewedAt = renewedAt;
    return { backOnline: backOnline.map(toOnline), restoredViewings: restored.map(toViewing) };
  }

  async sweep(graceMs: number): Promise<SweepResult> {
    const now = this.now();
    const [ended, offline] = (await this.run(SWEEP, [
      now,
      graceMs,
      this.ttlMs,
      this.contactSince ?? now,
      SWEPT_KEPT_MS,
    ])) as [string[], [string, string, string][]];
    return {
      offline: offline.map(([tenantId, userId, lastSeenAt]) => ({
        tenantId,
        userId,
        lastSeenAt: new Date(Number(lastSeenAt)),
      })),
      endedViewings: ended.map(toViewing),
    };
  }

  private heldViewingsOf(tenantId: string, socketId: string): PresenceViewing[] {
    return [...this.heldViewings.entries()]
      .filter(([key]) => key.startsWith(`${tenantId}|${socketId}|`))
      .map(([, viewing]) => viewing);
  }

  private forget(tenantId: string, socketId: string): void {
    this.held.delete(`${tenantId}|${socketId}`);
    this.forgetViewings(tenantId, socketId);
  }

  private forgetViewings(tenantId: string, socketId: string): void {
    for (const key of this.heldViewings.keys()) {
      if (key.startsWith(`${tenantId}|${socketId}|`)) this.heldViewings.delete(key);
    }
  }

  private onlineJson({ tenantId, userId, name, role, connectedAt }: PresenceConnection): string {
    return JSON.stringify({ tenantId, userId, name, role, since: connectedAt } satisfies OnlineUser);
  }

  private key(kind: string, id: string): string {
    return `${this.prefix}${kind}:${id}`;
  }

  private run(script: RedisScript, args: (string | number)[]): Promise<unknown> {
    return script.run(this.redis, [this.prefix, ...args]);
  }
}
