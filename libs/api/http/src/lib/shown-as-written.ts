import { buildMessage, ValidateBy } from 'class-validator';
import { DIRECTION_CONTROLS, isShownAsWritten } from '@derm/shared/contracts';

/**
 * Text drawn in the order it was written: no invisible direction control (`isShownAsWritten` in
 * the contracts, which the portal's fields drop them by too). For every free-text field; values
 * that are not strings are left to `@IsString()`.
 */
export const IsShownAsWritten = (): PropertyDecorator =>
  ValidateBy({
    name: 'isShownAsWritten',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || isShownAsWritten(value),
      defaultMessage: buildMessage(
        (each) =>
          `${each}$property must not contain invisible direction controls (${DIRECTION_CONTROLS}), which show text in another order than it was written`,
      ),
    },
  });
