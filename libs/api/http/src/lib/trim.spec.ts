import { plainToInstance } from 'class-transformer';
import { Trim } from './trim';

class Titled {
  @Trim()
  title!: unknown;
}

describe('Trim', () => {
  it('drops surrounding whitespace and keeps inner whitespace', () => {
    expect(plainToInstance(Titled, { title: ' \t Biopsy  follow-up \n' }).title).toBe('Biopsy  follow-up');
  });

  it('leaves values that are not strings for validation to refuse', () => {
    expect(plainToInstance(Titled, { title: 42 }).title).toBe(42);
  });
});
