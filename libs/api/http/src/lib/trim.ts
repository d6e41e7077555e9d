import { Transform } from 'class-transformer';

/**
 * Drops surrounding whitespace before validation, so a blank value fails `@IsNotEmpty` instead of
 * being stored as an empty string. Never for passwords: their spaces are part of them.
 */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
