import { buildMessage, ValidateBy } from 'class-validator';
import { isBlank } from '@derm/shared/contracts';

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
