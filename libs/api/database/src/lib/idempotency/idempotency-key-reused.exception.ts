import { HttpStatus, UnprocessableEntityException } from '@nestjs/common';

/** 422 over REST; over a socket, the ack's `IDEMPOTENCY_KEY_REUSED` (the code travels in the body). */
export class IdempotencyKeyReusedException extends UnprocessableEntityException {
  constructor(scope: string) {
    super({
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      error: 'Unprocessable Entity',
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: `This idempotency key was already used for a different ${scope} request: make a new key for a new action`,
    });
  }
}
