import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { EventsInMinute } from '@derm/shared/contracts';

const WIDTH = 600;
const HEIGHT = 120;
const GAP = 2;

/** Events per minute as bars, an inline SVG: oldest on the left, the current minute on the right. */
@Component({
  selector: 'derm-events-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg
      role="img"
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      preserveAspectRatio="none"
      [attr.aria-label]="summary()"
      data-testid="events-chart"
    >
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
  `,
  styles: `
    svg { display: block; width: 100%; height: 8rem; }
    rect { fill: #1d4ed8; }
    line { stroke: currentColor; stroke-width: 1; }
  `,
})
export class EventsChartComponent {
  readonly minutes = input.required<EventsInMinute[]>();

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly bars = computed(() => {
    const minutes = this.minutes();
    const peak = Math.max(1, ...minutes.map(({ count }) => count));
    const slot = WIDTH / Math.max(1, minutes.length);
    return minutes.map(({ minute, count }, i) => {
      const height = (count / peak) * (HEIGHT - 4);
      return { minute, count, x: i * slot + GAP / 2, width: slot - GAP, y: HEIGHT - height, height };
    });
  });
  protected readonly summary = computed(() => {
    const minutes = this.minutes();
    const total = minutes.reduce((sum, { count }) => sum + count, 0);
    const peak = Math.max(0, ...minutes.map(({ count }) => count));
    return `${total} events in the last ${minutes.length} minutes, at most ${peak} in one minute`;
  });
}
