import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { RealtimeTestClient, StaffSession, TEST_JWT_SECRET } from '@derm/shared/test-client';

export interface ForgedClaims {
  sub: string;
  tid: string;
  role?: string;
  name?: string;
  sid?: string;
  auth_time?: number;
}

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A token shaped like the API's own (issuer, audience, HS256, a session id and sign-in time),
 * with the claims and lifetime given; `expiresInSeconds: null` leaves `exp` out.
 */
export function forgeToken(
  { sub, tid, role = 'nurse', name = 'Test Nurse', sid = randomUUID(), auth_time = nowInSeconds() }: ForgedClaims,
  { secret = TEST_JWT_SECRET, expiresInSeconds = 600 }: { secret?: string; expiresInSeconds?: number | null } = {},
): string {
  return sign({ sub, tid, role, name, sid, auth_time }, secret, {
    issuer: 'derm-realtime',
    audience: 'derm-portal',
    algorithm: 'HS256',
    ...(expiresInSeconds === null ? {} : { expiresIn: expiresInSeconds }),
  });
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: ForgedClaims): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = nowInSeconds();
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
    role: 'admin',
    name: 'Nobody',
    sid: randomUUID(),
    auth_time: now,
    ...claims,
    iat: now,
    exp: now + 600,
    iss: 'derm-realtime',
    aud: 'derm-portal',
  })}.`;
}

/** The session claims (`sid`, `auth_time`) of a token the API issued, to forge another of the same session. */
export function sessionClaimsOf(token: string): Pick<ForgedClaims, 'sid' | 'auth_time'> {
  const { sid, auth_time } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as ForgedClaims;
  return { sid, auth_time };
}

/** A socket of `person` on a token that runs out in 2 s is told `session:expired` and closed by the server. */
export async function expectEndedWhenTokenRunsOut(url: string, person: StaffSession): Promise<void> {
  const shortLived = forgeToken({ sub: person.userId, tid: person.tenantId }, { expiresInSeconds: 2 });
  const socket = await RealtimeTestClient.connect(url, shortLived);
  const disconnected = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
  const expired = await socket.waitFor('session:expired', () => true, 5000);
  expect(expired.reason).toBe('TOKEN_EXPIRED');
  expect(await disconnected).toBe('io server disconnect');
}
