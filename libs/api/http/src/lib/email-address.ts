import { buildMessage, isEmail, ValidateBy } from 'class-validator';
import { isStorableText } from './storable-text';

/**
 * `@IsEmail()` that refuses every string it cannot read: class-validator's throws a `URIError` on
 * an unpaired surrogate (its check encodes the address first), which would answer 500 rather than
 * the 400 any other malformed address gets.
 */
export const IsEmailAddress = (): PropertyDecorator =>
  ValidateBy({
    name: 'isEmail',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isStorableText(value) && isEmail(value),
      defaultMessage: buildMessage((each) => `${each}$property must be an email`),
    },
  });
