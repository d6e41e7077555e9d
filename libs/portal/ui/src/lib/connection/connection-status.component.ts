import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { ConnectionState, ConnectionStatus, TIME_FORMATS } from '@derm/portal/util';
import { describeConnection } from './connection-state-view';

/** The full connection status: what is happening, since when, and a way to retry now. */
@Component({
  selector: 'derm-connection-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="status" data-testid="connection-status" [attr.data-state]="state()">
      <p class="description" data-testid="connection-description">{{ description() }}</p>
      <dl>
        <dt>State</dt>
        <dd data-testid="connection-state">{{ state() }}</dd>
        @if (state() === 'reconnecting' && attempt()) {
          <dt>Attempt</dt>
          <dd data-testid="connection-attempt">{{ attempt() }}</dd>
        }
        <dt>Last connected</dt>
        <dd data-testid="connection-last-connected">
          @if (lastConnectedAt(); as at) {
            <time [attr.datetime]="at">{{ lastConnectedText() }}</time>
          } @else {
            Never
          }
        </dd>
        @if (state() === 'connected' && recovered()) {
          <dt>Missed events</dt>
          <dd>Replayed by the server</dd>
        }
      </dl>
      <button
        type="button"
        data-testid="connection-reconnect"
        [disabled]="state() === 'connecting'"
        (click)="reconnect.emit()"
      >
        Reconnect now
      </button>
    </section>
  `,
  styles: `
    .status {
      display: grid;
      gap: 0.75rem;
      font-size: 0.875rem;
    }
    .description {
      margin: 0;
      color: #334155;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      color: var(--derm-muted);
    }
    dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    [data-testid='connection-state'] {
      text-transform: capitalize;
    }
    button {
      justify-self: start;
      padding: 0.4rem 0.8rem;
      border: 1px solid #cbd5e1;
      border-radius: 6px;
      background: #fff;
      color: #334155;
      font: inherit;
      font-weight: 500;
      cursor: pointer;
    }
    button:hover:not(:disabled) {
      background: #f1f5f9;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
  `,
})
export class ConnectionStatusComponent {
  readonly state = input.required<ConnectionState>();
  readonly attempt = input<number>();
  readonly lastConnectedAt = input<string>();
  readonly recovered = input<boolean>();
  readonly refused = input<ConnectionStatus['refused']>();
  readonly reconnect = output<void>();

  protected readonly description = computed(() => describeConnection(this.state(), this.refused()));
  /**
   * Dec 1, 14:30:05, in the browser's zone: it is about this device, not the clinic. Not DatePipe,
   * whose formatting and locale data would add about 9 kB to the first load.
   */
  protected readonly lastConnectedText = computed(() => {
    const at = this.lastConnectedAt();
    return at ? new Date(at).toLocaleString('en-US', TIME_FORMATS['day-seconds']) : '';
  });
}
