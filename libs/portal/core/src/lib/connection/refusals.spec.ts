import { HANDSHAKE_REFUSALS } from '@derm/shared/contracts';
import { expiryReason, refusalOutcome } from './refusals';

describe('refusalOutcome', () => {
  it('signs out on an expired or revoked session, with the reason the login page shows', () => {
    expect(refusalOutcome('TOKEN_EXPIRED')).toEqual({ signOut: 'expired' });
    expect(refusalOutcome('REVOKED')).toEqual({ signOut: 'revoked' });
  });

  it('explains too many connections and tries again later, rather than signing out', () => {
    expect(refusalOutcome('TOO_MANY_CONNECTIONS')).toEqual({ refused: 'too-many-connections', retryLater: true });
  });

  it('asks for a reload when the handshake itself is refused, since sending it again cannot help', () => {
    expect(refusalOutcome('VALIDATION_FAILED')).toEqual({ refused: 'invalid-handshake', retryLater: false });
  });

  it('asks to sign in again on the other refusals', () => {
    expect(refusalOutcome('UNAUTHORIZED')).toEqual({ signInAgain: true });
    expect(refusalOutcome('TENANT_INVALID')).toEqual({ signInAgain: true });
  });

  it('has an outcome for every refusal of the contract', () => {
    for (const refusal of HANDSHAKE_REFUSALS) expect(refusalOutcome(refusal)).not.toBeNull();
  });

  it('leaves network and server failures to the retries', () => {
    expect(refusalOutcome('websocket error')).toBeNull();
    expect(refusalOutcome('timeout')).toBeNull();
  });
});

describe('expiryReason', () => {
  it('tells a revoked session from an expired one', () => {
    expect(expiryReason({ reason: 'REVOKED' })).toBe('revoked');
    expect(expiryReason({ reason: 'TOKEN_EXPIRED' })).toBe('expired');
  });
});
