import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isShownAsWritten, IsShownAsWritten } from './shown-as-written';

class Note {
  @IsShownAsWritten()
  body!: unknown;
}

const errorsOf = (body: unknown) =>
  validateSync(plainToInstance(Note, { body })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsShownAsWritten', () => {
  it('keeps text of any script, right-to-left and mixed included', () => {
    for (const text of ['Biopsy follow-up', 'שלום, מטופל חדש', 'مرحبا 12 mg', 'Patient דוד כהן, room 4', '']) {
      expect(isShownAsWritten(text)).toBe(true);
    }
  });

  it('refuses every mark, embedding, override and isolate', () => {
    for (const text of [
      'allergic to \u202Enillicinep',
      '\u202Aembedded\u202C',
      '\u202Bright\u202C',
      '\u202Dforced',
      'stray pop\u202C',
      'Give \u2067\u2066100\u2069 \u2066not\u2069 \u206610\u2069\u2069 units',
      '\u2068first strong\u2069',
      'Give \u200F1\u200F0\u200F0 units',
      'left\u200E',
      'Arabic letter mark\u061C',
    ]) {
      expect(isShownAsWritten(text)).toBe(false);
    }
  });

  it('names the field in its message, and leaves other types to @IsString()', () => {
    expect(errorsOf('a\u202Eb')).toEqual([
      'body must not contain invisible direction controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), which show text in another order than it was written',
    ]);
    expect(errorsOf(42)).toEqual([]);
  });
});
