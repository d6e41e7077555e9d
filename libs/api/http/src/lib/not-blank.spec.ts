import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isBlank, IsNotBlank } from './not-blank';

class Note {
  @IsNotBlank()
  body!: unknown;
}

const errorsOf = (body: unknown) =>
  validateSync(plainToInstance(Note, { body })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsNotBlank', () => {
  it('counts empty, whitespace-only and invisible-only text as blank', () => {
    for (const text of [
      '',
      ' \t\n',
      '\u00a0\u3000',
      '\u200b',
      '\u200c\u200d\u2060',
      '\ufeff',
      '\u00ad',
      '\ufe0f',
      '\u3164',
    ]) {
      expect(isBlank(text)).toBe(true);
    }
  });

  it('keeps text with anything a reader sees, invisible characters around it included', () => {
    for (const text of ['.', 'ok', '\u200bok\u200b', '😀', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', 'é']) {
      expect(isBlank(text)).toBe(false);
    }
  });

  it('names the field in its message, and leaves other types to @IsString()', () => {
    expect(errorsOf('\u200b')).toEqual(['body must not be blank: it needs at least one visible character']);
    expect(errorsOf(42)).toEqual([]);
  });
});
