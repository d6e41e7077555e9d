import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { EventsInMinute } from '@derm/shared/contracts';

const WIDTH = 600;
const HEIGHT = 120;
const GAP = 2;
/** The tallest bar's top: it stops short of the frame, on the dashed line the scale names. */
const PEAK_Y = 4;

/**
 * Events per minute as bars, an inline SVG: oldest on the left, the current minute on the right.
 * Bars are relative to the hour's busiest minute, whose count labels the dashed line they reach.
 */
@Component({
  selector: 'derm-events-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="plot">
      @if (peak() > 0) {
        <span class="scale" data-testid="events-chart-peak">busiest: {{ peak() }} a minute</span>
      }
      <svg
        role="img"
        [attr.viewBox]="'0 0 ' + width + ' ' + height"
        preserveAspectRatio="none"
        [attr.aria-label]="summary()"
        data-testid="events-chart"
      >
        @if (peak() > 0) {
          <line class="peak" x1="0" [attr.y1]="peakY" [attr.x2]="width" [attr.y2]="peakY" />
        }
        @for (bar of bars(); track bar.minute) {
          <rect
            [attr.x]="bar.x"
            [attr.y]="bar.y"
            [attr.width]="bar.width"
            [attr.height]="bar.height"
            [attr.data-minute]="bar.minute"
            [attr.data-count]="bar.count"
          >
            <title>{{ bar.count }} at {{ bar.minute }}</title>
          </rect>
        }
        <line x1="0" [attr.y1]="height - 0.5" [attr.x2]="width" [attr.y2]="height - 0.5" />
      </svg>
    </div>
  `,
  styles: `
    /* The scale sits above the plot: text inside a stretched SVG would be distorted. */
    .plot {
      display: grid;
      gap: 0.15rem;
    }
    .scale {
      font-size: 0.8rem;
      color: var(--derm-muted);
      font-variant-numeric: tabular-nums;
    }
    svg {
      display: block;
      width: 100%;
      height: 8rem;
    }
    rect {
      fill: #1d4ed8;
    }
    line {
      stroke: currentColor;
      stroke-width: 1;
      vector-effect: non-scaling-stroke;
    }
    line.peak {
      stroke: var(--derm-muted);
      stroke-dasharray: 4 3;
    }
  `,
})
export class EventsChartComponent {
  readonly minutes = input.required<EventsInMinute[]>();

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly peakY = PEAK_Y;
  protected readonly peak = computed(() => Math.max(0, ...this.minutes().map(({ count }) => count)));
  protected readonly bars = computed(() => {
    const minutes = this.minutes();
    const peak = Math.max(1, this.peak());
    const slot = WIDTH / Math.max(1, minutes.length);
    return minutes.map(({ minute, count }, i) => {
      const height = (count / peak) * (HEIGHT - PEAK_Y);
      return { minute, count, x: i * slot + GAP / 2, width: slot - GAP, y: HEIGHT - height, height };
    });
  });
  protected readonly summary = computed(() => {
    const minutes = this.minutes();
    const total = minutes.reduce((sum, { count }) => sum + count, 0);
    return `${total} events in the last ${minutes.length} minutes, at most ${this.peak()} in one minute`;
  });
}
