import { afterNextRender, DestroyRef, Directive, ElementRef, inject, Injector, input } from '@angular/core';
import { NgControl } from '@angular/forms';
import { filter, Subscription, take } from 'rxjs';
import { isBlank } from '@derm/shared/contracts';

/**
 * Provided by a form control made of several elements (a search and a list): the one its label
 * names, which a missing value marks and which takes the focus.
 */
export abstract class LabelledField {
  abstract labelledElement(): HTMLElement;
}

/**
 * A field its form is not sent without (`dermRequired="Choose the patient."`, the words the form
 * says when it is the first one missing): empty, or nothing a reader would see (`isBlank`, as the
 * API judges it), it is missing. See `refuseMissing`.
 */
@Directive({ selector: '[dermRequired]' })
export class RequiredFieldDirective {
  readonly message = input.required<string>({ alias: 'dermRequired' });

  private readonly control = inject(NgControl, { self: true });
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly composite = inject(LabelledField, { self: true, optional: true });
  private readonly injector = inject(Injector);
  /** Until the field is filled in. */
  private watching: Subscription | null = null;
  /** The message this field is described by, while marked. */
  private describedBy: string | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.watching?.unsubscribe());
  }

  missing(): boolean {
    const value: unknown = this.control.value;
    return typeof value === 'string' ? isBlank(value) : value === null || value === undefined;
  }

  /** Marked `aria-invalid` until filled in; described by `messageId` only when the message is about it. */
  mark(messageId: string | null): void {
    const field = this.field();
    field.setAttribute('aria-invalid', 'true');
    this.describe(field, messageId);
    this.watching ??=
      this.control.valueChanges
        ?.pipe(
          filter(() => !this.missing()),
          take(1),
        )
        .subscribe(() => this.unmark()) ?? null;
  }

  /** Once the message naming it is on screen, so that the field is announced with it. */
  focusWhenShown(): void {
    afterNextRender(() => this.field().focus(), { injector: this.injector });
  }

  private unmark(): void {
    this.watching = null;
    const field = this.field();
    field.removeAttribute('aria-invalid');
    this.describe(field, null);
  }

  /** Keeps whatever else describes the field (a hint). */
  private describe(field: HTMLElement, messageId: string | null): void {
    const others = (field.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && id !== this.describedBy);
    const ids = messageId ? [...others, messageId] : others;
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
    this.describedBy = messageId;
  }

  private field(): HTMLElement {
    return this.composite?.labelledElement() ?? this.host;
  }
}

/**
 * A send refused for something missing, the same in every form: each required field missing is
 * marked `aria-invalid` until filled in, and the first one, which `messageId`'s element names,
 * is described by it and takes the keyboard focus, so that the person lands on the field to fix.
 * Returns that field's message, or null when nothing is missing. `fields` in the form's order
 * (a `viewChildren(RequiredFieldDirective)`).
 */
export function refuseMissing(fields: readonly RequiredFieldDirective[], messageId: string): string | null {
  const missing = fields.filter((field) => field.missing());
  missing.forEach((field, index) => field.mark(index === 0 ? messageId : null));
  const [firstMissing] = missing;
  firstMissing?.focusWhenShown();
  return firstMissing?.message() ?? null;
}
