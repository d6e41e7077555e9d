import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ShownAsWrittenDirective } from './shown-as-written.directive';

/**
 * Tells once, politely (a status region, there and empty before it speaks), that a
 * `dermShownAsWritten` field dropped invisible text-direction characters from what was put in:
 * `<derm-shown-as-written-note [field]="shown" />` beside the field, `#shown="dermShownAsWritten"`.
 */
@Component({
  selector: 'derm-shown-as-written-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status' },
  template: `{{ message() }}`,
  styles: `
    :host {
      display: block;
      font-size: 0.8rem;
      color: var(--derm-muted);
    }
    /* Empty, it takes no room (nor a grid row) and stays a live region. */
    :host(:empty) {
      position: absolute;
    }
  `,
})
export class ShownAsWrittenNoteComponent {
  readonly field = input.required<ShownAsWrittenDirective>();

  protected readonly message = computed(() => {
    const dropped = this.field().dropped();
    if (!dropped) return '';
    const characters = dropped.count === 1 ? 'character' : 'characters';
    return `Removed ${dropped.count} invisible text-direction ${characters} from what you ${dropped.from}.`;
  });
}
