import { inject, Injectable, signal } from '@angular/core';
import { ConnectionService } from '@derm/portal/core';
import { OnlineStaff } from '@derm/shared/contracts';
import { EMPTY, merge, of } from 'rxjs';
import { cameOnline, OnlineStaffChange, wentOffline, withChanges } from './online-staff-state';

/**
 * The clinic's online staff: a `presence:list` snapshot on every `session:ready` (what happened
 * while away is not replayed), kept current by `presence:online` / `presence:offline`.
 */
@Injectable({ providedIn: 'root' })
export class OnlineStaffService {
  private readonly connection = inject(ConnectionService);
  private readonly list = signal<OnlineStaff[]>([]);
  /** Per snapshot on its way: the changes heard meanwhile, replayed onto it. */
  private readonly heardDuringLoads = new Set<OnlineStaffChange[]>();
  private latestLoad = 0;

  readonly online = this.list.asReadonly();

  constructor() {
    this.connection.on('presence:online').subscribe((online) => this.apply(cameOnline(online, new Date())));
    this.connection.on('presence:offline').subscribe((offline) => this.apply(wentOffline(offline)));
    const alreadyLive = this.connection.status().state === 'connected' ? of(null) : EMPTY;
    merge(alreadyLive, this.connection.ready$).subscribe(() => void this.load());
    this.connection.userChanged$.subscribe(() => this.reset());
  }

  private async load(): Promise<void> {
    const load = ++this.latestLoad;
    const heard: OnlineStaffChange[] = [];
    this.heardDuringLoads.add(heard);
    const ack = await this.connection.emit('presence:list', {});
    this.heardDuringLoads.delete(heard);
    // An older snapshot answering late must not overwrite a newer one.
    if (ack.ok && load === this.latestLoad) this.list.set(withChanges(ack.online, heard));
  }

  /** Another person's clinic: forget this one's staff, and any snapshot still on its way. */
  private reset(): void {
    this.latestLoad += 1;
    this.heardDuringLoads.clear();
    this.list.set([]);
  }

  private apply(change: OnlineStaffChange): void {
    this.heardDuringLoads.forEach((heard) => heard.push(change));
    this.list.update(change);
  }
}
