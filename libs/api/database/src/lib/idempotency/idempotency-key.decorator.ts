import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '@derm/shared/contracts';

/**
 * The request's `Idempotency-Key` header, validated; undefined when the client sent none. Hand
 * it to the service, which runs the write through `IdempotentWrites.run`.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const headers = context
    .switchToHttp()
    .getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers;
  const value = headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new BadRequestException(`${IDEMPOTENCY_KEY_HEADER} must be 16 to 64 letters, digits, - or _ (a UUID fits)`);
  }
  return value;
});

/** On a route that reads `@IdempotencyKey()`: the header in the OpenAPI document. */
export const AcceptsIdempotencyKey = () =>
  ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      'One key per user action, the same on every retry: the write is done once and a retry gets the first answer (422 IDEMPOTENCY_KEY_REUSED for another request).',
  });
