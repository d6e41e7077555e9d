import { UnauthorizedException } from '@nestjs/common';
import { TokenRejectedError } from '../access-token.service';

/**
 * The 401 of a request without a valid sign-in (no token, or one that is forged, expired or
 * revoked), as `HttpAuthGuard` answers it: unlike a route's own 401 (a wrong password), it costs
 * the client address a point of its budget of anonymous refusals (`AnonymousRefusalFilter`).
 */
export class NotSignedInException extends UnauthorizedException {}

/** What `check` answers, or its refusal of the session (`TokenRejectedError`) as a `NotSignedInException`. */
export async function signedIn<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof TokenRejectedError) throw new NotSignedInException(error.message);
    throw error;
  }
}
