import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { audience, TenantBroadcaster } from '@derm/api/realtime';
import { PresenceChanged, PresenceOffline, PresenceOnline } from '@derm/shared/contracts';

/** How long a clinic's presence changes gather before the next `presence:changed` goes out. */
export const PRESENCE_BATCH_WINDOW_MS = 250;

type Change = { online: PresenceOnline } | { offline: PresenceOffline };

interface OpenWindow {
  /** The latest change per person since the window opened. */
  changes: Map<string, Change>;
  timer: NodeJS.Timeout;
}

/**
 * `presence:changed` to the sockets that asked for batched presence. A change in a quiet clinic
 * goes out at once and opens a window; what follows within it goes out together when it closes,
 * each person once in their latest state. So when a clinic's staff sign in together, every open
 * tab gets one packet per window instead of one per colleague.
 */
@Injectable()
export class BatchedPresence implements OnModuleDestroy {
  private readonly windows = new Map<string, OpenWindow>();

  constructor(private readonly broadcaster: TenantBroadcaster) {}

  cameOnline(tenantId: string, online: PresenceOnline): void {
    this.add(tenantId, online.userId, { online });
  }

  wentOffline(tenantId: string, offline: PresenceOffline): void {
    this.add(tenantId, offline.userId, { offline });
  }

  onModuleDestroy(): void {
    this.windows.forEach(({ timer }) => clearTimeout(timer));
    this.windows.clear();
  }

  private add(tenantId: string, userId: string, change: Change): void {
    const open = this.windows.get(tenantId);
    if (open) {
      open.changes.set(userId, change);
      return;
    }
    this.send(tenantId, [change]);
    this.open(tenantId);
  }

  private open(tenantId: string): void {
    const timer = setTimeout(() => this.close(tenantId), PRESENCE_BATCH_WINDOW_MS);
    timer.unref();
    this.windows.set(tenantId, { changes: new Map(), timer });
  }

  /** Sends what gathered; a window that gathered something opens the next, an empty one ends. */
  private close(tenantId: string): void {
    const window = this.windows.get(tenantId);
    this.windows.delete(tenantId);
    if (!window?.changes.size) return;
    this.send(tenantId, [...window.changes.values()]);
    this.open(tenantId);
  }

  private send(tenantId: string, changes: Change[]): void {
    const changed: PresenceChanged = { online: [], offline: [] };
    for (const change of changes) {
      if ('online' in change) changed.online.push(change.online);
      else changed.offline.push(change.offline);
    }
    this.broadcaster.signal(audience.presence(tenantId, 'batched'), 'presence:changed', changed);
  }
}
