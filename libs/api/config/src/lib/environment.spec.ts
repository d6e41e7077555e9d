import { DEVELOPMENT_JWT_SECRET, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '4100', DEMO_SEED: 'false' });
    expect(env.PORT).toBe(4100);
    expect(env.DEMO_SEED).toBe(false);
  });

  it('lists every variable at fault in one message', () => {
    expect(() => validateEnvironment({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  it('requires a real JWT secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set/);
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production');
  });

  it('refuses PostgreSQL outside UTC, whose timestamp columns keep local time, and names the zone', () => {
    const postgres = 'postgres://db/derm';
    expect(() => validateEnvironment({ DATABASE_URL: postgres, TZ: 'America/New_York' })).toThrow(
      /TZ:.*America\/New_York/,
    );
    expect(() => validateEnvironment({ DATABASE_URL: postgres, TZ: 'Europe/London' })).toThrow(/TZ:/);
    expect(validateEnvironment({ DATABASE_URL: postgres, TZ: 'UTC' }).DATABASE_URL).toBe(postgres);
    expect(validateEnvironment({ DATABASE_URL: postgres, TZ: 'Etc/UTC' }).DATABASE_URL).toBe(postgres);
    expect(validateEnvironment({ DATABASE_URL: 'sqlite:data/x.sqlite', TZ: 'America/New_York' }).DATABASE_URL).toBe(
      'sqlite:data/x.sqlite',
    );
  });

  it('accepts the forms of Express trust proxy and refuses anything else', () => {
    for (const value of ['false', 'true', '1', 'loopback', '10.0.0.0/8, 127.0.0.1']) {
      expect(validateEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
    }
    expect(() => validateEnvironment({ TRUST_PROXY: 'x; rm' })).toThrow(/TRUST_PROXY/);
  });

  it('defaults the limits to what the README documents', () => {
    expect(validateEnvironment({})).toMatchObject({
      SIGNIN_ACCOUNT_MAX_FAILURES: 10,
      SIGNIN_ADDRESS_MAX_FAILURES: 100,
      WS_MAX_CONNECTIONS_PER_USER: 10,
      WS_HANDSHAKE_POINTS: 120,
      WS_HANDSHAKE_WINDOW_SECONDS: 60,
      WS_PENDING_CONNECTIONS_PER_ADDRESS: 64,
      WS_CONNECT_TIMEOUT_MS: 10_000,
      WS_REFRESH_POINTS: 10,
      WS_REFRESH_WINDOW_SECONDS: 60,
      WS_PING_INTERVAL_MS: 25_000,
      WS_PING_TIMEOUT_MS: 20_000,
      VIEWER_CHECK_EVERY_MS: 7500,
      REST_WRITE_POINTS: 60,
      REST_READ_POINTS: 100,
      REST_IN_FLIGHT_PER_PERSON: 4,
      ANONYMOUS_REFUSAL_POINTS: 120,
      ANONYMOUS_REFUSAL_WINDOW_SECONDS: 60,
      REST_REFRESH_POINTS: 30,
      REST_REFRESH_WINDOW_SECONDS: 60,
      PUBLIC_DOCUMENT_POINTS: 60,
      PUBLIC_DOCUMENT_WINDOW_SECONDS: 60,
      PASSWORD_HASH_CONCURRENCY: 1,
      TRUST_PROXY: 'false',
    });
  });

  it('takes a cap of at least one connection waiting to sign in per address, and a connect timeout a timer can wait', () => {
    expect(
      validateEnvironment({ WS_PENDING_CONNECTIONS_PER_ADDRESS: '200', WS_CONNECT_TIMEOUT_MS: '2000' }),
    ).toMatchObject({
      WS_PENDING_CONNECTIONS_PER_ADDRESS: 200,
      WS_CONNECT_TIMEOUT_MS: 2000,
    });
    expect(() =>
      validateEnvironment({ WS_PENDING_CONNECTIONS_PER_ADDRESS: '0', WS_CONNECT_TIMEOUT_MS: '999' }),
    ).toThrow(/WS_PENDING_CONNECTIONS_PER_ADDRESS[\s\S]*WS_CONNECT_TIMEOUT_MS/);
    expect(() => validateEnvironment({ WS_CONNECT_TIMEOUT_MS: String(2 ** 31) })).toThrow(/WS_CONNECT_TIMEOUT_MS/);
  });

  it('takes an optional metrics token of at least 16 characters and a known log level and format', () => {
    const env = validateEnvironment({});
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.LOG_LEVEL).toBe('info');
    expect(
      validateEnvironment({
        METRICS_TOKEN: 'x'.repeat(16),
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
      }),
    ).toMatchObject({
      METRICS_TOKEN: 'x'.repeat(16),
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    expect(() => validateEnvironment({ METRICS_TOKEN: 'short', LOG_LEVEL: 'loud', LOG_FORMAT: 'xml' })).toThrow(
      /LOG_LEVEL[\s\S]*LOG_FORMAT[\s\S]*METRICS_TOKEN/,
    );
  });
});

describe('validateEnvironment: presence timing', () => {
  it('defaults to a 30 s TTL renewed every 10 s', () => {
    const env = validateEnvironment({});
    expect(env.PRESENCE_ENTRY_TTL_MS).toBe(30_000);
    expect(env.PRESENCE_RENEW_EVERY_MS).toBe(10_000);
  });

  it('accepts a TTL of exactly three renewal periods', () => {
    const env = validateEnvironment({ PRESENCE_ENTRY_TTL_MS: '3000', PRESENCE_RENEW_EVERY_MS: '1000' });
    expect(env.PRESENCE_ENTRY_TTL_MS).toBe(3000);
    expect(env.PRESENCE_RENEW_EVERY_MS).toBe(1000);
  });

  it('refuses a TTL shorter than three renewal periods, naming both variables', () => {
    expect(() => validateEnvironment({ PRESENCE_ENTRY_TTL_MS: '2999', PRESENCE_RENEW_EVERY_MS: '1000' })).toThrow(
      'PRESENCE_ENTRY_TTL_MS: must be at least 3 times PRESENCE_RENEW_EVERY_MS (1000)',
    );
    expect(() => validateEnvironment({ PRESENCE_RENEW_EVERY_MS: '20000' })).toThrow(/PRESENCE_ENTRY_TTL_MS/);
  });

  it('lists non-numbers and values below the minimum with the other faults', () => {
    expect(() =>
      validateEnvironment({ PRESENCE_ENTRY_TTL_MS: 'soon', PRESENCE_RENEW_EVERY_MS: '50', PORT: 'abc' }),
    ).toThrow(/PORT[\s\S]*PRESENCE_ENTRY_TTL_MS: [\s\S]*PRESENCE_RENEW_EVERY_MS: /);
  });
  it('refuses a duration longer than a timer can wait (about 24.8 days), naming each variable', () => {
    const tooLongMs = String(2 ** 31);
    const tooLongSeconds = String(Math.ceil(2 ** 31 / 1000));
    const durationsMs = [
      'SHUTDOWN_DRAIN_MS',
      'PRESENCE_GRACE_MS',
      'PRESENCE_ENTRY_TTL_MS',
      'TYPING_LAPSE_MS',
      'WS_RATE_LIMIT_WINDOW_MS',
      'WS_PING_INTERVAL_MS',
      'WS_PING_TIMEOUT_MS',
      'VIEWER_CHECK_EVERY_MS',
    ];
    const durationsSeconds = [
      'REST_WRITE_WINDOW_SECONDS',
      'REST_READ_WINDOW_SECONDS',
      'ANONYMOUS_REFUSAL_WINDOW_SECONDS',
      'REST_REFRESH_WINDOW_SECONDS',
      'WS_REFRESH_WINDOW_SECONDS',
      'WS_HANDSHAKE_WINDOW_SECONDS',
      'PUBLIC_DOCUMENT_WINDOW_SECONDS',
      'SIGNIN_FAILURE_WINDOW_SECONDS',
      'SIGNIN_LOCKOUT_SECONDS',
      'SIGNIN_LOCKOUT_MAX_SECONDS',
    ];
    for (const name of durationsMs) {
      expect(() => validateEnvironment({ [name]: tooLongMs })).toThrow(new RegExp(`${name}: .*not be greater than`));
      expect(() => validateEnvironment({ [name]: String(2 ** 31 - 1) })).not.toThrow(new RegExp(name));
    }
    for (const name of durationsSeconds) {
      expect(() => validateEnvironment({ [name]: tooLongSeconds })).toThrow(
        new RegExp(`${name}: .*not be greater than`),
      );
    }
    expect(() => validateEnvironment({ PRESENCE_RENEW_EVERY_MS: tooLongMs, PRESENCE_ENTRY_TTL_MS: tooLongMs })).toThrow(
      /PRESENCE_RENEW_EVERY_MS: .*not be greater than/,
    );
  });
});
