import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

  it('reads the token whatever the case of the scheme and however many spaces or tabs follow it', () => {
    for (const header of [
      `Bearer ${token}`,
      `bearer ${token}`,
      `BEARER ${token}`,
      `bEaReR  ${token}`,
      `Bearer\t${token}`,
      `Bearer \t ${token}`,
    ]) {
      expect({ header, token: bearerToken(header) }).toEqual({ header, token });
    }
  });

  it('reads a token of any characters but whitespace (a metrics token is not a JWT)', () => {
    expect(bearerToken('Bearer s3cr3t-metrics_token+/=~.')).toBe('s3cr3t-metrics_token+/=~.');
  });

  it('refuses another scheme, no token, a token with inner whitespace and anything before the scheme', () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer  \t',
      `Basic ${token}`,
      `Bearerx ${token}`,
      `${token}`,
      `Bearer ${token} extra`,
      `Bearer ${token}\tx`,
      ` Bearer ${token}`,
      `Token Bearer ${token}`,
      `Bearer\n${token}`,
    ]) {
      expect({ header, token: bearerToken(header) }).toEqual({ header, token: undefined });
    }
  });
});
