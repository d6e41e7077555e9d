import { Transform } from 'class-transformer';

/**
 * Drops surrounding whitespace before validation, so that what is stored starts and ends with
 * what was written (`@IsNotBlank()` refuses a value that is nothing else). Never for passwords:
 * their spaces are part of them.
 */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
