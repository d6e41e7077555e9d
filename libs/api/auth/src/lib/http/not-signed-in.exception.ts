import { UnauthorizedException } from '@nestjs/common';

/**
 * The 401 of a request without a valid sign-in (no token, or one that is forged, expired or
 * revoked), as `HttpAuthGuard` answers it: unlike a route's own 401 (a wrong password), it costs
 * the client address a point of its budget of anonymous refusals (`AnonymousRefusalFilter`).
 */
export class NotSignedInException extends UnauthorizedException {}
