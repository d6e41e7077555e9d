import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isStorableText, IsStorableText } from './storable-text';

class Note {
  @IsStorableText()
  body!: unknown;
}

const errorsOf = (body: unknown) =>
  validateSync(plainToInstance(Note, { body })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsStorableText', () => {
  it('keeps text of any script, emoji, tabs and line breaks', () => {
    for (const text of ['Biopsy follow-up', 'Łukasz Żak, Сергей', 'a\tb\r\nc\nd', '😀👍🏽', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '']) {
      expect(isStorableText(text)).toBe(true);
    }
  });

  it('refuses NUL and the other control characters', () => {
    for (const text of [
      'a\u0000b',
      '\u0001',
      'bell\u0007',
      'esc\u001b[31m',
      'form\u000cfeed',
      'del\u007f',
      'c1\u0085',
    ]) {
      expect(isStorableText(text)).toBe(false);
    }
  });

  it('refuses half of a surrogate pair, alone or out of order', () => {
    for (const text of ['dose \ud83d ok', 'a\ud800', '\udc00b', '\ude00\ud83d']) {
      expect(isStorableText(text)).toBe(false);
    }
  });

  it('names the field in its message, and leaves other types to @IsString()', () => {
    expect(errorsOf('a\u0000b')).toEqual([
      'body must not contain control characters (other than tabs and line breaks) or unpaired surrogates',
    ]);
    expect(errorsOf(42)).toEqual([]);
  });
});
