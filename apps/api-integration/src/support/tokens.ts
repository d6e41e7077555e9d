import { sign } from 'jsonwebtoken';
import { TEST_JWT_SECRET } from '@derm/shared/test-client';

export interface ForgedClaims {
  sub: string;
  tid: string;
  role?: string;
  name?: string;
}

/** A token shaped like the API's own (issuer, audience, HS256), with the claims and lifetime given. */
export function forgeToken(
  { sub, tid, role = 'nurse', name = 'Test Nurse' }: ForgedClaims,
  { secret = TEST_JWT_SECRET, expiresInSeconds = 600 }: { secret?: string; expiresInSeconds?: number } = {},
): string {
  return sign({ sub, tid, role, name }, secret, {
    issuer: 'derm-realtime',
    audience: 'derm-portal',
    algorithm: 'HS256',
    expiresIn: expiresInSeconds,
  });
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: ForgedClaims): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
    role: 'admin',
    name: 'Nobody',
    ...claims,
    iat: now,
    exp: now + 600,
    iss: 'derm-realtime',
    aud: 'derm-portal',
  })}.`;
}
