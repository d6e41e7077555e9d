import { afterEveryRender, DestroyRef, Directive, ElementRef, inject, signal } from '@angular/core';
import { withoutDirectionControls } from '@derm/shared/contracts';

/** Direction controls a field dropped from one thing put in, and how it came in. */
export interface DroppedDirectionControls {
  count: number;
  from: 'pasted' | 'dropped' | 'typed';
}

const CAME_IN: Partial<Record<string, DroppedDirectionControls['from']>> = {
  insertFromPaste: 'pasted',
  insertFromPasteAsQuotation: 'pasted',
  insertFromDrop: 'dropped',
};

/**
 * A free-text field that drops the invisible direction controls the API refuses in free text
 * (`withoutDirectionControls`, the contracts' one list) as they are typed, pasted or dropped,
 * before the forms or the page's own `input` listeners read it: what the person sees is what is
 * sent, rather than a refusal whose cause no one can see. The caret stays among the characters
 * kept. `dropped()` says what went, for `ShownAsWrittenNoteComponent` to tell once.
 */
@Directive({
  selector: 'input[dermShownAsWritten], textarea[dermShownAsWritten]',
  exportAs: 'dermShownAsWritten',
})
export class ShownAsWrittenDirective {
  private readonly field = inject<ElementRef<HTMLInputElement | HTMLTextAreaElement>>(ElementRef).nativeElement;
  private readonly last = signal<DroppedDirectionControls | null>(null);
  /** What was last dropped, until the field holds a text the person did not leave there (sent, reset, another draft) or none. */
  readonly dropped = this.last.asReadonly();
  /** The text as the person left it, to tell it from one the page put in. */
  private left = '';

  constructor() {
    const dropTyped = (event: Event) => {
      const input = event as InputEvent;
      // Changing the text mid-composition breaks the input method's; it is dropped when it ends.
      if (input.isComposing) return;
      this.drop(CAME_IN[input.inputType] ?? 'typed');
    };
    // The composition's last `input` came before its end: the listeners are told of the change.
    const dropComposed = () => {
      if (this.drop('typed')) this.field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    // After every capture listener (a limit's cut included): the text she is left with.
    const remember = () => (this.left = this.field.value);
    // Capture on the field itself runs before the forms' and the template's own listeners.
    this.field.addEventListener('input', dropTyped, { capture: true });
    this.field.addEventListener('compositionend', dropComposed, { capture: true });
    this.field.addEventListener('input', remember);
    inject(DestroyRef).onDestroy(() => {
      this.field.removeEventListener('input', dropTyped, { capture: true });
      this.field.removeEventListener('compositionend', dropComposed, { capture: true });
      this.field.removeEventListener('input', remember);
    });
    afterEveryRender({
      read: () => {
        if (this.field.value === this.left) return;
        this.left = this.field.value;
        this.last.set(null);
      },
    });
  }

  /** Drops them from the field's text; true when there were any. */
  private drop(from: DroppedDirectionControls['from']): boolean {
    const written = this.field.value;
    const text = withoutDirectionControls(written);
    if (text === written) {
      if (!text) this.last.set(null);
      return false;
    }
    const { selectionStart, selectionEnd, selectionDirection } = this.field;
    const kept = (at: number) => withoutDirectionControls(written.slice(0, at)).length;
    this.field.value = text;
    if (selectionStart !== null && selectionEnd !== null) {
      this.field.setSelectionRange(kept(selectionStart), kept(selectionEnd), selectionDirection ?? undefined);
    }
    this.last.set({ count: written.length - text.length, from });
    return true;
  }
}
