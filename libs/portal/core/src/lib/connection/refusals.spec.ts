import { HANDSHAKE_REFUSALS } from '@derm/shared/contracts';
import { expiryReason, refusalOutcome, requestedWaitMs } from './refusals';

describe('refusalOutcome', () => {
  it('signs out on an expired or revoked session, with the reason the login page shows', () => {
    expect(refusalOutcome('TOKEN_EXPIRED')).toEqual({ signOut: 'expired' });
    expect(refusalOutcome('REVOKED')).toEqual({ signOut: 'revoked' });
  });

  it('explains too many connections and tries again later, rather than signing out', () => {
    expect(refusalOutcome('TOO_MANY_CONNECTIONS')).toEqual({ refused: 'too-many-connections', retryLater: true });
  });

  it('explains too many connection attempts and tries again later, rather than signing out', () => {
    expect(refusalOutcome('RATE_LIMITED')).toEqual({ refused: 'too-many-attempts', retryLater: true });
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

describe('requestedWaitMs', () => {
  it('reads the wait the server named, and nothing from a refusal or failure without one', () => {
    const refused = Object.assign(new Error('RATE_LIMITED'), {
      data: { code: 'RATE_LIMITED' as const, message: '…', retryInMs: 41_000 },
    });
    expect(requestedWaitMs(refused)).toBe(41_000);
    expect(requestedWaitMs(Object.assign(new Error('TOO_MANY_CONNECTIONS'), { data: { message: '…' } }))).toBe(0);
    expect(requestedWaitMs(Object.assign(new Error('RATE_LIMITED'), { data: { retryInMs: -5 } }))).toBe(0);
    expect(requestedWaitMs(new Error('websocket error'))).toBe(0);
  });
});

describe('expiryReason', () => {
  it('tells a revoked session from an expired one', () => {
    expect(expiryReason({ reason: 'REVOKED' })).toBe('revoked');
    expect(expiryReason({ reason: 'TOKEN_EXPIRED' })).toBe('expired');
  });
});
