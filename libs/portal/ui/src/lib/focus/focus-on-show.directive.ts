import { afterNextRender, booleanAttribute, Directive, ElementRef, inject, input, output } from '@angular/core';

/**
 * Gives its element the keyboard focus as it appears, when `dermFocusOnShow` is true (the bare
 * attribute is): a control that takes the place of the one that had the focus (a question in
 * place of the button that asked it, the button back in place of the question) takes the focus
 * with it, rather than leaving it on the page's body, where the next Tab skips what appeared.
 */
@Directive({ selector: '[dermFocusOnShow]' })
export class FocusOnShowDirective {
  readonly dermFocusOnShow = input(true, { transform: booleanAttribute });
  /** The element took the focus. */
  readonly focused = output();

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    afterNextRender(() => {
      if (!this.dermFocusOnShow()) return;
      host.focus();
      this.focused.emit();
    });
  }
}
