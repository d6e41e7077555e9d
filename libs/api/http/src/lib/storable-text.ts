import { buildMessage, ValidateBy } from 'class-validator';

/**
 * Control characters other than tab, line feed and carriage return (PostgreSQL cannot store NUL
 * at all, and the others are never typed), and halves of a surrogate pair without the other
 * half, which no encoding can store: the database would keep a replacement character, not what
 * was answered and announced.
 */
const UNSTORABLE = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/**
 * Text the database stores as it was sent, on PostgreSQL and SQLite alike. For every free-text
 * field; values that are not strings are left to `@IsString()`.
 */
export const IsStorableText = (): PropertyDecorator =>
  ValidateBy({
    name: 'isStorableText',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || isStorableText(value),
      defaultMessage: buildMessage(
        (each) =>
          `${each}$property must not contain control characters (other than tabs and line breaks) or unpaired surrogates`,
      ),
    },
  });
