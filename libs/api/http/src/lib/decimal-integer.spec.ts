import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsDecimalInteger } from './decimal-integer';

class Query {
  @IsDecimalInteger({ min: -5, max: 500 })
  limit!: unknown;
}

const read = (limit: unknown) => {
  const query = plainToInstance(Query, { limit });
  const errors = validateSync(query).flatMap((error) => Object.values(error.constraints ?? {}));
  return { limit: query.limit, errors };
};

describe('IsDecimalInteger', () => {
  it('reads decimal digits, with a leading minus, as the number they write', () => {
    for (const [text, number] of [
      ['10', 10],
      ['010', 10],
      ['0', 0],
      ['-5', -5],
      ['500', 500],
    ] as const) {
      expect(read(text)).toEqual({ limit: number, errors: [] });
    }
  });

  // The integration suite sends the common forms; here, rarer ones of each kind.
  it.each([
    '2E1',
    '0XA',
    '-0x1',
    '0B1',
    '-+1',
    '\u00a010',
    '10\n',
    '1.',
    '1 0',
    '1,000',
    '-',
    '-Infinity',
    '\u0663',
    'NaN',
  ])('leaves %p as sent and refuses it, naming the field', (text) => {
    expect(read(text)).toEqual({
      limit: text,
      errors: ['limit must be a whole number written in decimal digits, such as 10'],
    });
  });

  it('refuses a repeated parameter, a fraction, and numbers out of bounds with one message each', () => {
    expect(read(['10', '10']).errors).toEqual(['limit must be a whole number written in decimal digits, such as 10']);
    expect(read(1.5).errors).toEqual(['limit must be a whole number written in decimal digits, such as 10']);
    expect(read('-6').errors).toEqual(['limit must not be less than -5']);
    expect(read('501').errors).toEqual(['limit must not be greater than 500']);
    expect(read('99999999999999999999999').errors).toEqual(['limit must not be greater than 500']);
  });
});
