import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MaxCharactersDirective } from '../max-characters/max-characters.directive';
import { ShownAsWrittenNoteComponent } from './shown-as-written-note.component';
import { ShownAsWrittenDirective } from './shown-as-written.directive';

/** A field bound as the composer binds its draft, one bound to a form control, and one with a limit too. */
@Component({
  // The limit listed first: the fields must not depend on the order directives are listed in.
  imports: [MaxCharactersDirective, ReactiveFormsModule, ShownAsWrittenDirective, ShownAsWrittenNoteComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <textarea
      #box
      #draftShown="dermShownAsWritten"
      dermShownAsWritten
      [value]="draft()"
      (input)="draft.set(box.value)"
      data-testid="draft"
    ></textarea>
    <derm-shown-as-written-note [field]="draftShown" data-testid="draft-note" />
    <input #titleShown="dermShownAsWritten" dermShownAsWritten [formControl]="title" data-testid="title" />
    <derm-shown-as-written-note [field]="titleShown" data-testid="title-note" />
    <input
      #shortShown="dermShownAsWritten"
      #shortLimit="dermMaxCharacters"
      dermShownAsWritten
      [dermMaxCharacters]="5"
      [value]="short()"
      (input)="short.set($any($event.target).value)"
      data-testid="short"
    />
    <derm-shown-as-written-note [field]="shortShown" [limit]="shortLimit" data-testid="short-note" />
  `,
})
class Fields {
  readonly draft = signal('');
  readonly short = signal('');
  readonly title = new FormControl('', { nonNullable: true });
}

describe('ShownAsWrittenDirective', () => {
  let fixture: ComponentFixture<Fields>;
  const element = <T extends HTMLElement>(testId: string) =>
    fixture.nativeElement.querySelector(`[data-testid="${testId}"]`) as T;
  const field = (testId: string) => element<HTMLInputElement | HTMLTextAreaElement>(testId);
  const note = (testId: string) => element(testId);

  /** What the browser does as something is put in: the field's new text and caret, then `input`. */
  const enter = (
    testId: string,
    text: string,
    caret = text.length,
    event: InputEventInit = { inputType: 'insertFromPaste' },
  ) => {
    const box = field(testId);
    box.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, cancelable: true, ...event }));
    box.value = text;
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, ...event }));
  };

  beforeEach(async () => {
    fixture = TestBed.createComponent(Fields);
    await fixture.whenStable();
  });

  it('drops the direction controls of a paste before anyone reads the field, and says how many, politely', async () => {
    expect(note('draft-note').getAttribute('role')).toBe('status');
    expect(note('draft-note').textContent).toBe('');

    enter('draft', 'allergic to \u202Enillicinep');
    await fixture.whenStable();

    expect(field('draft').value).toBe('allergic to nillicinep');
    expect(fixture.componentInstance.draft()).toBe('allergic to nillicinep');
    expect(field('draft').selectionStart).toBe('allergic to nillicinep'.length);
    expect(note('draft-note').textContent?.trim()).toBe(
      'Removed 1 invisible text-direction character from what you pasted.',
    );
    expect(note('title-note').textContent).toBe('');
  });

  it('keeps the caret where it was among the characters kept, and a selection as it was', async () => {
    // "Give  units", caret after "Give ", and "\u2067100\u2069" pasted there.
    enter('draft', 'Give \u2067100\u2069 units', 'Give \u2067100\u2069'.length);
    expect(field('draft').value).toBe('Give 100 units');
    expect([field('draft').selectionStart, field('draft').selectionEnd]).toEqual([8, 8]);

    const box = field('draft');
    box.value = '\u200Fab\u200Fcd\u200F';
    box.setSelectionRange(2, 5);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '\u200F' }));
    expect(box.value).toBe('abcd');
    expect([box.selectionStart, box.selectionEnd]).toEqual([1, 3]);
    await fixture.whenStable();
    expect(note('draft-note').textContent?.trim()).toBe(
      'Removed 3 invisible text-direction characters from what you typed.',
    );
  });

  it('leaves text without them as it is, caret and all, and says nothing', async () => {
    enter('draft', 'שלום, room 4\u200b 😀', 3);
    await fixture.whenStable();
    expect(field('draft').value).toBe('שלום, room 4\u200b 😀');
    expect(field('draft').selectionStart).toBe(3);
    expect(note('draft-note').textContent).toBe('');
  });

  it('gives a form control only the text the field shows', async () => {
    enter('title', '\u2066Room 4\u2069 \u202Bbiopsy\u202C', undefined, { inputType: 'insertFromDrop' });
    await fixture.whenStable();
    expect(fixture.componentInstance.title.value).toBe('Room 4 biopsy');
    expect(note('title-note').textContent?.trim()).toBe(
      'Removed 4 invisible text-direction characters from what you dropped.',
    );
    expect(note('draft-note').textContent).toBe('');
  });

  it('waits for a composition to end, then drops them and tells every listener', async () => {
    enter('draft', 'ab\u200F', undefined, { inputType: 'insertCompositionText', isComposing: true });
    expect(field('draft').value).toBe('ab\u200F');

    field('draft').dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'ab\u200F' }));
    await fixture.whenStable();
    expect(field('draft').value).toBe('ab');
    expect(fixture.componentInstance.draft()).toBe('ab');
    expect(note('draft-note').textContent?.trim()).toBe(
      'Removed 1 invisible text-direction character from what you typed.',
    );
  });

  it('keeps the note while she goes on writing, and drops it once the field holds another text or none', async () => {
    enter('draft', 'a\u202Eb');
    enter('draft', 'ab and more', undefined, { inputType: 'insertText' });
    await fixture.whenStable();
    expect(note('draft-note').textContent?.trim()).toContain('Removed 1');

    // Sent: the page empties the field.
    fixture.componentInstance.draft.set('');
    await fixture.whenStable();
    expect(note('draft-note').textContent).toBe('');

    enter('title', 'x\u202Ey');
    await fixture.whenStable();
    fixture.componentInstance.title.reset();
    await fixture.whenStable();
    expect(note('title-note').textContent).toBe('');

    enter('title', 'x\u202Ey');
    enter('title', '', 0, { inputType: 'deleteContentBackward' });
    await fixture.whenStable();
    expect(note('title-note').textContent).toBe('');
  });

  it('drops them before a limit is measured, so they take none of its room, and still says so once cut', async () => {
    field('short').value = 'abc';
    enter('short', 'abc\u202Exyz');
    expect(field('short').value).toBe('abcxy');
    expect(field('short').selectionStart).toBe(5);
    await fixture.whenStable();
    expect(note('short-note').textContent?.trim()).toBe(
      'Removed 1 invisible text-direction character from what you pasted. Left out 1 character that did not fit: at most 5 characters fit here.',
    );
  });

  it('says what a limit left out of a paste, while it is so; the next input that fits, or the page emptying the field, ends it', async () => {
    enter('short', 'abcdefgh');
    await fixture.whenStable();
    expect(field('short').value).toBe('abcde');
    expect(fixture.componentInstance.short()).toBe('abcde');
    expect(note('short-note').textContent?.trim()).toBe(
      'Left out 3 characters that did not fit: at most 5 characters fit here.',
    );

    enter('short', 'abcd', 4, { inputType: 'deleteContentBackward' });
    await fixture.whenStable();
    expect(note('short-note').textContent).toBe('');

    enter('short', 'abcd😀😀');
    await fixture.whenStable();
    expect(field('short').value).toBe('abcd😀');
    expect(note('short-note').textContent?.trim()).toBe(
      'Left out 1 character that did not fit: at most 5 characters fit here.',
    );
    // Sent: the page empties the field.
    fixture.componentInstance.short.set('');
    await fixture.whenStable();
    expect(note('short-note').textContent).toBe('');
  });
});
