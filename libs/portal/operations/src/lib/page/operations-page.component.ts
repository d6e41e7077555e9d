import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ClinicTimePipe, ConnectionService } from '@derm/portal/core';
import { OnlineStaffService } from '@derm/portal/presence';
import { LoadingPlaceholderComponent } from '@derm/portal/ui';
import { RoleLabelPipe } from '@derm/portal/util';
import { map, startWith, timer } from 'rxjs';
import { EventsChartComponent } from '../chart/events-chart.component';
import { lastHour, REFUSAL_LABELS } from '../data/operations-state';
import { OperationsStore } from '../data/operations-store.service';

/** How often the chart's hour moves on by itself, so a quiet minute still shows as one. */
const CLOCK_TICK_MS = 15_000;

/**
 * Admins: the clinic right now — who is connected, how busy it is, which connections were refused.
 * While the figures load (and until a first snapshot has come), placeholders stand in for them.
 */
@Component({
  selector: 'derm-operations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, EventsChartComponent, LoadingPlaceholderComponent, RoleLabelPipe],
  providers: [OperationsStore],
  templateUrl: './operations-page.component.html',
  styleUrl: './operations-page.component.css',
})
export class OperationsPage {
  private readonly store = inject(OperationsStore);
  private readonly status = inject(ConnectionService).status;
  private readonly now = toSignal(
    timer(CLOCK_TICK_MS, CLOCK_TICK_MS).pipe(
      map(() => new Date()),
      startWith(new Date()),
    ),
    {
      requireSync: true,
    },
  );

  /** Connected staff: the presence list, live since sign-in (the same the header's "Online" shows). */
  protected readonly connected = inject(OnlineStaffService).online;
  protected readonly snapshot = this.store.value;
  protected readonly failed = computed(() => this.store.error() !== null);
  /** Loaded on every connection: a snapshot on its way, or none yet while not connected. */
  protected readonly loading = computed(() => this.store.loading() || (this.snapshot() === null && !this.failed()));
  /** Live figures are greyed out while they cannot change. */
  protected readonly live = computed(() => this.status().state === 'connected');
  protected readonly minutes = computed(() => lastHour(this.snapshot()?.eventsPerMinute ?? [], this.now()));
  protected readonly lastMinute = computed(() => this.minutes()[this.minutes().length - 1].count);
  protected readonly refusalLabels = REFUSAL_LABELS;
}
