import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ConnectionState } from '@derm/portal/util';
import { CONNECTION_SHORT_LABELS } from './connection-state-view';

/**
 * A compact dot and label for the header. Its text is its whole accessible name: a control that
 * holds it names itself from it (the header's offline banner is what announces a drop).
 */
@Component({
  selector: 'derm-connection-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="badge" data-testid="connection-badge" [attr.data-state]="state()">
      <span class="dot" aria-hidden="true"></span>
      {{ label() }}
      @if (state() === 'reconnecting' && attempt()) {
        <span class="attempt">#{{ attempt() }}</span>
      }
    </span>
  `,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.2rem 0.6rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 500;
      white-space: nowrap;
      color: var(--state-color);
      background: color-mix(in srgb, var(--state-color) 12%, transparent);
      --state-color: #475569;
    }
    /* Dark enough for 4.5:1 on their own 12 % tint. */
    .badge[data-state='connected'] {
      --state-color: #166534;
    }
    .badge[data-state='connecting'],
    .badge[data-state='reconnecting'] {
      --state-color: #92400e;
    }
    .badge[data-state='unauthorized'],
    .badge[data-state='offline'] {
      --state-color: #991b1b;
    }
    .dot {
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: var(--state-color);
    }
    .badge[data-state='reconnecting'] .dot,
    .badge[data-state='connecting'] .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    .attempt {
      font-variant-numeric: tabular-nums;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
  `,
})
export class ConnectionBadgeComponent {
  readonly state = input.required<ConnectionState>();
  readonly attempt = input<number>();

  protected readonly label = computed(() => CONNECTION_SHORT_LABELS[this.state()]);
}
