import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';

/** The optional `idempotencyKey` of a command DTO: `@IsIdempotencyKey() idempotencyKey?: string`. */
export const IsIdempotencyKey = () =>
  applyDecorators(
    IsOptional(),
    IsString(),
    Matches(IDEMPOTENCY_KEY_PATTERN, {
      message: 'idempotencyKey must be 16 to 64 letters, digits, - or _ (a UUID fits)',
    }),
  );
