import { afterEveryRender, DestroyRef, Directive, ElementRef, inject, input, signal } from '@angular/core';
import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { characterCount } from '@derm/shared/contracts';
import { ShownAsWrittenDirective } from '../shown-as-written/shown-as-written.directive';
import { fitCharacters } from './fit-characters';

/** A form control's value is at most `max` characters as the API counts them, once trimmed as the API trims it. */
export const maxCharacters =
  (max: number): ValidatorFn =>
  (control: AbstractControl): ValidationErrors | null => {
    const value: unknown = control.value;
    const actual = typeof value === 'string' ? characterCount(value.trim()) : 0;
    return actual > max ? { maxCharacters: { max, actual } } : null;
  };

/** What a field's limit left out of the last thing put in. */
export interface CharactersLeftOut {
  count: number;
  max: number;
}

/**
 * A text field that takes no more than `dermMaxCharacters` characters as the API counts them
 * (code points), where `maxlength` counts UTF-16 code units and so stops an emoji-filled text at
 * half the API's limit. It cuts what is typed or pasted before any other listener reads it, and
 * `leftOut()` says what it cut, for `ShownAsWrittenNoteComponent` to tell: a paste cut short in
 * silence would be sent without its end.
 */
@Directive({
  selector: 'input[dermMaxCharacters], textarea[dermMaxCharacters]',
  exportAs: 'dermMaxCharacters',
})
export class MaxCharactersDirective {
  readonly max = input.required<number>({ alias: 'dermMaxCharacters' });

  private readonly field = inject<ElementRef<HTMLInputElement | HTMLTextAreaElement>>(ElementRef).nativeElement;
  private before = '';
  private readonly cut = signal<CharactersLeftOut | null>(null);
  /** What the last input lost to the limit, until the next input fits or the page replaces the text. */
  readonly leftOut = this.cut.asReadonly();

  constructor() {
    // Asked for, a `dermShownAsWritten` on the same field is created, and listens, first: the
    // direction controls it drops take none of the limit's room.
    inject(ShownAsWrittenDirective, { self: true, optional: true });
    const remember = () => (this.before = this.field.value);
    const fit = (event: Event) => {
      if ((event as InputEvent).isComposing) return;
      const put = characterCount(this.field.value);
      if (put > this.max()) {
        const { text, caret } = fitCharacters(this.before, this.field.value, this.max());
        this.field.value = text;
        this.field.setSelectionRange(caret, caret);
        this.cut.set({ count: put - characterCount(text), max: this.max() });
      } else {
        this.cut.set(null);
      }
      remember();
    };
    // Capture on the field itself runs before the forms' and the template's own `input` listeners.
    this.field.addEventListener('beforeinput', remember, { capture: true });
    this.field.addEventListener('input', fit, { capture: true });
    // A text the page put in (sent, reset, another draft) was not cut.
    afterEveryRender({
      read: () => {
        if (this.field.value !== this.before) this.cut.set(null);
      },
    });
    inject(DestroyRef).onDestroy(() => {
      this.field.removeEventListener('beforeinput', remember, { capture: true });
      this.field.removeEventListener('input', fit, { capture: true });
    });
  }
}
