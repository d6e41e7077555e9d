import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when present, must pass its other checks. `@IsOptional()`
 * lets `null` through as well, which a change to a column that cannot be empty (a role, whether
 * an account is active) would carry to the database.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value: unknown) => value !== undefined);
