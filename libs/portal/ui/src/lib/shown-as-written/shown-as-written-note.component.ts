import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MaxCharactersDirective } from '../max-characters/max-characters.directive';
import { ShownAsWrittenDirective } from './shown-as-written.directive';

/**
 * Tells once, politely (a status region, there and empty before it speaks), that a
 * `dermShownAsWritten` field dropped invisible text-direction characters from what was put in, and
 * that its `dermMaxCharacters` limit, when given, left some out:
 * `<derm-shown-as-written-note [field]="shown" [limit]="limit" />` beside the field,
 * `#shown="dermShownAsWritten" #limit="dermMaxCharacters"`.
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
  readonly limit = input<MaxCharactersDirective>();

  protected readonly message = computed(() => {
    const dropped = this.field().dropped();
    const leftOut = this.limit()?.leftOut();
    const said: string[] = [];
    if (dropped) {
      said.push(`Removed ${count(dropped.count, 'invisible text-direction character')} from what you ${dropped.from}.`);
    }
    if (leftOut) {
      said.push(
        `Left out ${count(leftOut.count, 'character')} that did not fit: at most ${count(leftOut.max, 'character')} fit here.`,
      );
    }
    return said.join(' ');
  });
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
