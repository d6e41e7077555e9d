import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * What a page shows in place of its data while a load for a new view (another day, another
 * thread) is on its way: grey bars, never the previous view's rows and their buttons. Announced
 * once as a polite status, so a screen reader hears "Loading…" rather than an empty list.
 */
@Component({
  selector: 'derm-loading-placeholder',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <!-- .visually-hidden is the portal's global style. -->
    <div class="placeholder" role="status" data-testid="loading-placeholder">
      <span class="visually-hidden">{{ label() }}</span>
      @for (line of lines(); track line) {
        <span class="line" aria-hidden="true"></span>
      }
    </div>
  `,
  styles: `
    .placeholder {
      display: grid;
      gap: 0.75rem;
      padding: 1.25rem;
    }
    .line {
      display: block;
      height: 1rem;
      border-radius: 6px;
      background: linear-gradient(90deg, #e2e8f0 0%, #f1f5f9 50%, #e2e8f0 100%);
      background-size: 200% 100%;
      animation: shimmer 1.4s ease-in-out infinite;
    }
    .line:nth-child(odd) {
      width: 85%;
    }
    @keyframes shimmer {
      from {
        background-position: 100% 0;
      }
      to {
        background-position: -100% 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .line {
        animation: none;
      }
    }
  `,
})
export class LoadingPlaceholderComponent {
  /** What is loading, for assistive technology ("Loading the schedule…"). */
  readonly label = input('Loading…');
  /** How many grey bars stand in for the data. */
  readonly rows = input(3);
  protected readonly lines = computed(() => Array.from({ length: this.rows() }, (_, i) => i));
}
