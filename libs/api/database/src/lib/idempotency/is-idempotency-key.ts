import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { Omittable } from '@derm/api/http';
import { IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';

/**
 * The optional `idempotencyKey` of a command DTO: `@IsIdempotencyKey() idempotencyKey?: string`.
 * Left out means no key; `null` is refused, since the key is stored in a column that cannot be empty.
 */
export const IsIdempotencyKey = () =>
  applyDecorators(
    Omittable(),
    IsString(),
    Matches(IDEMPOTENCY_KEY_PATTERN, {
      message: 'idempotencyKey must be 16 to 64 letters, digits, - or _ (a UUID fits)',
    }),
  );
