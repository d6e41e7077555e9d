import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** Decimal digits, with a `-` before them for a negative number: nothing else is read as a number. */
const DECIMAL_INTEGER = /^-?[0-9]+$/;

export interface IntegerBounds {
  min: number;
  max: number;
}

/** Why `value` is not an integer within the bounds, for the field `name`; `undefined` if it is. */
function faultOf(value: unknown, { min, max }: IntegerBounds, name: string): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `${name} must be a whole number written in decimal digits, such as 10`;
  }
  if (value < min) return `${name} must not be less than ${min}`;
  if (value > max) return `${name} must not be greater than ${max}`;
  return undefined;
}

/**
 * An integer `?name=` parameter from `min` to `max`. Only decimal digits are read as its number:
 * `Number()`, which `@Type(() => Number)` calls, also reads `1e2`, `0x10`, `0b11`, `+10`, ` 10`,
 * `10.0` and an empty value, so a client's mistake would be answered as if it had asked for
 * something else. Anything else stays as sent and is refused, with one message naming the field.
 */
export const IsDecimalInteger = (bounds: IntegerBounds) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value,
    ),
    ValidateBy({
      name: 'isDecimalInteger',
      constraints: [bounds.min, bounds.max],
      validator: {
        validate: (value: unknown) => faultOf(value, bounds, '') === undefined,
        defaultMessage: (args) => (args && faultOf(args.value, bounds, args.property)) ?? '',
      },
    }),
    ApiProperty({ type: 'integer', minimum: bounds.min, maximum: bounds.max }),
  );
