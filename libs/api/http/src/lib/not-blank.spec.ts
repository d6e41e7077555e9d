import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsNotBlank } from './not-blank';

class Note {
  @IsNotBlank()
  body!: unknown;
}

const errorsOf = (body: unknown) =>
  validateSync(plainToInstance(Note, { body })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsNotBlank', () => {
  it('refuses text with nothing a reader sees, and keeps text with something', () => {
    expect(errorsOf('\u2800\u2800\u200b')).toEqual(['body must not be blank: it needs at least one visible character']);
    expect(errorsOf('\u200bok')).toEqual([]);
  });

  it('names the field in its message, and leaves other types to @IsString()', () => {
    expect(errorsOf('\u200b')).toEqual(['body must not be blank: it needs at least one visible character']);
    expect(errorsOf(42)).toEqual([]);
  });
});
