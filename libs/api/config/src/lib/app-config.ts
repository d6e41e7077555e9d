import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DEVELOPMENT_JWT_SECRET, EnvironmentVariables, LogLevel } from './environment';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const EMBEDDED_DATABASE_PATH = 'data/derm-realtime.sqlite';
const TTL_UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90" (seconds), "15m", "8h", "2d". */
function toSeconds(duration: string): number {
  const unit = /[smhd]$/.test(duration) ? duration.slice(-1) : 's';
  return Number.parseInt(duration, 10) * TTL_UNIT_SECONDS[unit];
}

/** Typed, validated configuration; the only place that reads environment variables. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  private get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.config.get(key, { infer: true });
  }

  get port(): number {
    return this.get('PORT');
  }
  get isProduction(): boolean {
    return this.get('NODE_ENV') === 'production';
  }
  get usesDevelopmentSecret(): boolean {
    return this.get('JWT_SECRET') === DEVELOPMENT_JWT_SECRET;
  }
  get jwt() {
    return {
      secret: this.get('JWT_SECRET'),
      ttlSeconds: toSeconds(this.get('JWT_TTL')),
      sessionMaxAgeSeconds: toSeconds(this.get('SESSION_MAX_AGE')),
      issuer: this.get('JWT_ISSUER'),
      audience: this.get('JWT_AUDIENCE'),
      algorithm: 'HS256' as const,
    };
  }
  get database(): DatabaseTarget {
    const url = this.get('DATABASE_URL');
    if (!url) return { kind: 'sqlite', path: EMBEDDED_DATABASE_PATH };
    if (url.startsWith('sqlite:')) return { kind: 'sqlite', path: url.slice('sqlite:'.length) };
    return { kind: 'postgres', url };
  }
  get redisUrl(): string | undefined {
    return this.get('REDIS_URL');
  }
  get redisKeyPrefix(): string {
    return this.get('REDIS_KEY_PREFIX');
  }
  get shutdownDrainMs(): number {
    return this.get('SHUTDOWN_DRAIN_MS');
  }
  get corsOrigins(): string[] {
    return this.get('CORS_ORIGINS')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }
  /** Demo data is on by default only for the embedded database. */
  get demoSeed(): boolean {
    return this.get('DEMO_SEED') ?? this.database.kind === 'sqlite';
  }
  get portalDist(): string {
    return this.get('PORTAL_DIST');
  }
  get alertEscalationMs(): number {
    return this.get('ALERT_ESCALATION_SECONDS') * 1000;
  }
  get presenceGraceMs(): number {
    return this.get('PRESENCE_GRACE_MS');
  }
  get presenceEntryTtlMs(): number {
    return this.get('PRESENCE_ENTRY_TTL_MS');
  }
  get presenceRenewEveryMs(): number {
    return this.get('PRESENCE_RENEW_EVERY_MS');
  }
  get typingLapseMs(): number {
    return this.get('TYPING_LAPSE_MS');
  }
  get metricsToken(): string | undefined {
    return this.get('METRICS_TOKEN');
  }
  get logLevel(): LogLevel {
    return this.get('LOG_LEVEL');
  }
  /** Readable lines for a person at a terminal, JSON for a log collector. */
  get logFormat(): 'json' | 'pretty' {
    return this.get('LOG_FORMAT') ?? (process.stdout.isTTY ? 'pretty' : 'json');
  }
  get wsRateLimit() {
    return {
      points: this.get('WS_RATE_LIMIT_POINTS'),
      windowSeconds: Math.ceil(this.get('WS_RATE_LIMIT_WINDOW_MS') / 1000),
    };
  }
  get wsRefreshBudget() {
    return { points: this.get('WS_REFRESH_POINTS'), windowSeconds: this.get('WS_REFRESH_WINDOW_SECONDS') };
  }
  /** Engine.IO's heartbeat: a silent client is dropped within `intervalMs + timeoutMs`. */
  get wsPing() {
    return { intervalMs: this.get('WS_PING_INTERVAL_MS'), timeoutMs: this.get('WS_PING_TIMEOUT_MS') };
  }
  /** How often a socket viewing a chart is pinged: a silent viewer is dropped within twice this. */
  get viewerCheckEveryMs(): number {
    return this.get('VIEWER_CHECK_EVERY_MS');
  }
  get wsHandshakeBudget() {
    return { points: this.get('WS_HANDSHAKE_POINTS'), windowSeconds: this.get('WS_HANDSHAKE_WINDOW_SECONDS') };
  }
  get wsMaxConnectionsPerUser(): number {
    return this.get('WS_MAX_CONNECTIONS_PER_USER');
  }
  get wsPendingConnections() {
    return {
      perAddress: this.get('WS_PENDING_CONNECTIONS_PER_ADDRESS'),
      connectTimeoutMs: this.get('WS_CONNECT_TIMEOUT_MS'),
    };
  }
  get restWriteBudget() {
    return { points: this.get('REST_WRITE_POINTS'), windowSeconds: this.get('REST_WRITE_WINDOW_SECONDS') };
  }
  get restReadBudget() {
    return { points: this.get('REST_READ_POINTS'), windowSeconds: this.get('REST_READ_WINDOW_SECONDS') };
  }
  get restRefreshBudget() {
    return { points: this.get('REST_REFRESH_POINTS'), windowSeconds: this.get('REST_REFRESH_WINDOW_SECONDS') };
  }
  get publicDocumentBudget() {
    return { points: this.get('PUBLIC_DOCUMENT_POINTS'), windowSeconds: this.get('PUBLIC_DOCUMENT_WINDOW_SECONDS') };
  }
  get anonymousRefusalBudget() {
    return {
      points: this.get('ANONYMOUS_REFUSAL_POINTS'),
      windowSeconds: this.get('ANONYMOUS_REFUSAL_WINDOW_SECONDS'),
    };
  }
  get restInFlightPerPerson(): number {
    return this.get('REST_IN_FLIGHT_PER_PERSON');
  }
  get signIn() {
    return {
      accountMaxFailures: this.get('SIGNIN_ACCOUNT_MAX_FAILURES'),
      addressMaxFailures: this.get('SIGNIN_ADDRESS_MAX_FAILURES'),
      failureWindowSeconds: this.get('SIGNIN_FAILURE_WINDOW_SECONDS'),
      lockoutSeconds: this.get('SIGNIN_LOCKOUT_SECONDS'),
      lockoutMaxSeconds: this.get('SIGNIN_LOCKOUT_MAX_SECONDS'),
    };
  }
  get passwordHashConcurrency(): number {
    return this.get('PASSWORD_HASH_CONCURRENCY');
  }
  /** Express `trust proxy`, typed as Express reads it. */
  get trustProxy(): boolean | number | string {
    const raw = this.get('TRUST_PROXY').trim();
    if (raw === 'true' || raw === 'false') return raw === 'true';
    return /^\d+$/.test(raw) ? Number(raw) : raw;
  }
}
