import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsShownAsWritten } from './shown-as-written';

class Note {
  @IsShownAsWritten()
  body!: unknown;
}

const errorsOf = (body: unknown) =>
  validateSync(plainToInstance(Note, { body })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsShownAsWritten', () => {
  it('refuses a field holding a direction control, and keeps one of any script without', () => {
    expect(errorsOf('allergic to \u202Enillicinep')).toHaveLength(1);
    expect(errorsOf('\u2066isolated\u2069')).toHaveLength(1);
    expect(errorsOf('שלום, מטופל חדש 12 mg')).toEqual([]);
  });

  it('names the field in its message, and leaves other types to @IsString()', () => {
    expect(errorsOf('a\u202Eb')).toEqual([
      'body must not contain invisible direction controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), which show text in another order than it was written',
    ]);
    expect(errorsOf(42)).toEqual([]);
  });
});
