import { characterCount } from '@derm/shared/contracts';
import { validateSync } from 'class-validator';
import { MaxCharacters } from './max-characters';

class Titled {
  @MaxCharacters(4)
  title?: unknown;
}

const problemsOf = (title: unknown) =>
  validateSync(Object.assign(new Titled(), { title })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('MaxCharacters', () => {
  it('counts code points, as the database does: a variation selector counts, a surrogate pair is one', () => {
    expect(characterCount('❤\uFE0F')).toBe(2);
    expect(characterCount('😀')).toBe(1);
    expect(characterCount('🏴󠁧󠁢󠁳󠁣󠁴󠁿')).toBe(7);
  });

  it('takes text up to the limit and refuses more, with the message MaxLength gives', () => {
    expect(problemsOf('abcd')).toEqual([]);
    expect(problemsOf('😀😀😀😀')).toEqual([]);
    expect(problemsOf('❤\uFE0F❤\uFE0F')).toEqual([]);
    expect(problemsOf('❤\uFE0F❤\uFE0Fx')).toEqual(['title must be shorter than or equal to 4 characters']);
    expect(problemsOf('abcde')).toEqual(['title must be shorter than or equal to 4 characters']);
  });

  it('leaves values that are not strings to @IsString()', () => {
    expect(problemsOf(12345)).toEqual([]);
    expect(problemsOf(undefined)).toEqual([]);
  });
});
