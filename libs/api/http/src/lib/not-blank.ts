import { buildMessage, ValidateBy } from 'class-validator';

/**
 * Something a reader would see: not whitespace, a control character, nor one of the characters
 * Unicode says are drawn as nothing (zero-width space, joiners, byte order mark, soft hyphen,
 * variation selectors, Hangul fillers).
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

export const isBlank = (text: string): boolean => !VISIBLE.test(text);

/**
 * A text that says something: empty, whitespace-only and invisible-only text are refused alike.
 * Values that are not strings are left to `@IsString()`.
 */
export const IsNotBlank = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !isBlank(value),
      defaultMessage: buildMessage(
        (each) => `${each}$property must not be blank: it needs at least one visible character`,
      ),
    },
  });
