import type { IncomingHttpHeaders } from 'node:http';
import { bearerToken } from '@derm/api/http';
import { HANDSHAKE_REFUSALS, HandshakeRefusal } from '@derm/shared/contracts';

/** What a refused socket still carries: the identity the authenticator stored, and what it presented. */
export interface RefusedSocket {
  data?: { tenantId?: unknown; userId?: unknown; name?: unknown };
  handshake?: { auth?: Record<string, unknown>; headers?: IncomingHttpHeaders };
}

export interface RefusalAttribution {
  tenantId: string;
  userId: string;
  name: string;
}

/**
 * Codes the authenticator gives only to a token whose signature it verified: jsonwebtoken checks the
 * signature before the expiry, and REVOKED is decided after verifying. Its claims are then the
 * clinic's own, so a refusal can be shown to that clinic; any other code could carry forged claims.
 */
const VERIFIED_TOKEN_CODES: readonly HandshakeRefusal[] = ['TOKEN_EXPIRED', 'REVOKED'];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function presentedToken({ auth, headers }: NonNullable<RefusedSocket['handshake']>): string | undefined {
  const fromAuth = text(auth?.['token']);
  if (fromAuth) return fromAuth;
  return bearerToken(headers?.authorization);
}

function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The clinic and person a refused handshake belongs to, when that is known for certain: the
 * handshake budget and the connection cap refuse a socket the authenticator already admitted (its
 * identity is on `socket.data`); an expired or revoked session presented a verified token.
 * Otherwise none.
 */
export function attributeRefusal(code: unknown, socket: RefusedSocket): RefusalAttribution | undefined {
  if (typeof code !== 'string' || !HANDSHAKE_REFUSALS.includes(code as HandshakeRefusal)) return undefined;
  const admitted = socket.data;
  if (text(admitted?.tenantId) && text(admitted?.userId)) {
    return {
      tenantId: admitted?.tenantId as string,
      userId: admitted?.userId as string,
      name: text(admitted?.name) ?? '',
    };
  }
  if (!VERIFIED_TOKEN_CODES.includes(code as HandshakeRefusal) || !socket.handshake) return undefined;
  const token = presentedToken(socket.handshake);
  const claims = token ? claimsOf(token) : undefined;
  const [tenantId, userId, name] = [text(claims?.['tid']), text(claims?.['sub']), text(claims?.['name'])];
  return tenantId && userId ? { tenantId, userId, name: name ?? '' } : undefined;
}
