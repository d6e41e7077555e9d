import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { audience, TenantBroadcaster } from '@derm/api/realtime';
import { PresenceChanged, PresenceOffline, PresenceOnline } from '@derm/shared/contracts';

/** How long a clinic's presence changes gather before the next `presence:changed` goes out. */
export const PRESENCE_BATCH_WINDOW_MS = 250;
/** Sockets joining within this span of one window share a cut of its changes. */
export const PRESENCE_NEWCOMER_SPAN_MS = PRESENCE_BATCH_WINDOW_MS / 10;

type Change = { userId: string } & ({ online: PresenceOnline } | { offline: PresenceOffline });

/** Sockets that joined while a window was open, and how many of its changes had been made by then. */
interface Newcomers {
  since: number;
  joinedAt: number;
  socketIds: string[];
}

interface OpenWindow {
  /** Every change since the window opened, in order. */
  changes: Change[];
  newcomers: Newcomers[];
  timer: NodeJS.Timeout;
}

/**
 * `presence:changed` to the sockets that asked for batched presence. A change in a quiet clinic
 * goes out at once and opens a window; what follows within it goes out together when it closes,
 * each person once in their latest state. So when a clinic's staff sign in together, every open
 * tab gets one packet per window instead of one per colleague.
 *
 * A socket that joins while a window is open reads everything before its join in `presence:list`,
 * so it is sent only the window's changes from about its join on: when a whole clinic reconnects
 * at once, the tabs connecting late in a window are not each sent the colleagues of its start.
 * The cut is made for this node's sockets; another node's sockets get the whole window.
 */
@Injectable()
export class BatchedPresence implements OnModuleDestroy {
  private readonly windows = new Map<string, OpenWindow>();

  constructor(private readonly broadcaster: TenantBroadcaster) {}

  /** A socket of this node joined the clinic's batched presence. */
  joined(tenantId: string, socketId: string): void {
    const open = this.windows.get(tenantId);
    if (!open?.changes.length) return;
    const latest = open.newcomers.at(-1);
    const now = Date.now();
    if (latest && (latest.since === open.changes.length || now - latest.joinedAt < PRESENCE_NEWCOMER_SPAN_MS)) {
      latest.socketIds.push(socketId);
    } else {
      open.newcomers.push({ since: open.changes.length, joinedAt: now, socketIds: [socketId] });
    }
  }

  cameOnline(tenantId: string, online: PresenceOnline): void {
    this.add(tenantId, { userId: online.userId, online });
  }

  wentOffline(tenantId: string, offline: PresenceOffline): void {
    this.add(tenantId, { userId: offline.userId, offline });
  }

  onModuleDestroy(): void {
    this.windows.forEach(({ timer }) => clearTimeout(timer));
    this.windows.clear();
  }

  private add(tenantId: string, change: Change): void {
    const open = this.windows.get(tenantId);
    if (open) {
      open.changes.push(change);
      return;
    }
    this.broadcaster.signal(audience.presence(tenantId, 'batched'), 'presence:changed', batch([change]));
    this.open(tenantId);
  }

  private open(tenantId: string): void {
    const timer = setTimeout(() => this.close(tenantId), PRESENCE_BATCH_WINDOW_MS);
    timer.unref();
    this.windows.set(tenantId, { changes: [], newcomers: [], timer });
  }

  /** Sends what gathered; a window that gathered something opens the next, an empty one ends. */
  private close(tenantId: string): void {
    const window = this.windows.get(tenantId);
    this.windows.delete(tenantId);
    if (!window?.changes.length) return;
    const { changes, newcomers } = window;
    const newcomerIds = newcomers.flatMap(({ socketIds }) => socketIds);
    this.broadcaster.signal(audience.presence(tenantId, 'batched', newcomerIds), 'presence:changed', batch(changes));
    for (const { since, socketIds } of newcomers) {
      if (since < changes.length) {
        this.broadcaster.signal(audience.sockets(tenantId, socketIds), 'presence:changed', batch(changes.slice(since)));
      }
    }
    this.open(tenantId);
  }
}

/** Each person once, in their latest state. */
function batch(changes: readonly Change[]): PresenceChanged {
  const latest = new Map(changes.map((change) => [change.userId, change]));
  const changed: PresenceChanged = { online: [], offline: [] };
  for (const change of latest.values()) {
    if ('online' in change) changed.online.push(change.online);
    else changed.offline.push(change.offline);
  }
  return changed;
}
