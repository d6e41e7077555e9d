import { commandLabel, commandOutcome, handshakeOutcome, roleLabel } from './labels';

describe('metric labels', () => {
  it('keep contract names and fold anything else into "unknown"', () => {
    expect(commandLabel('thread:join')).toBe('thread:join');
    expect(commandLabel('tenant:6f1c2d9e-0000-4000-8000-000000000000')).toBe('unknown');
    expect(commandLabel('__proto__')).toBe('unknown');
    expect(roleLabel('nurse')).toBe('nurse');
    expect(roleLabel(undefined)).toBe('unknown');
  });

  it('name a handshake accepted, refused by a contract code, for its origin, or for its address waiting too often', () => {
    expect(handshakeOutcome(undefined)).toBe('accepted');
    expect(handshakeOutcome('TOKEN_EXPIRED')).toBe('TOKEN_EXPIRED');
    expect(handshakeOutcome('ORIGIN_NOT_ALLOWED')).toBe('ORIGIN_NOT_ALLOWED');
    expect(handshakeOutcome('TOO_MANY_PENDING_CONNECTIONS')).toBe('TOO_MANY_PENDING_CONNECTIONS');
    expect(handshakeOutcome(null)).toBe('unknown');
    expect(handshakeOutcome('alice@riverside.test')).toBe('unknown');
  });

  it('read the outcome of an ack', () => {
    expect(commandOutcome({ ok: true, viewers: [] })).toBe('ok');
    expect(commandOutcome({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } })).toBe('RATE_LIMITED');
    expect(commandOutcome({ ok: false, error: { code: 'made-up' } })).toBe('unknown');
    expect(commandOutcome(undefined)).toBe('unknown');
  });
});
