import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DEVELOPMENT_JWT_SECRET, EnvironmentVariables } from './environment';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const EMBEDDED_DATABASE_PATH = 'data/derm-realtime.sqlite';
const TTL_UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

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
    const ttl = this.get('JWT_TTL');
    const unit = /[smhd]$/.test(ttl) ? ttl.slice(-1) : 's';
    return {
      secret: this.get('JWT_SECRET'),
      ttlSeconds: Number.parseInt(ttl, 10) * TTL_UNIT_SECONDS[unit],
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
  get wsRateLimit() {
    return { points: this.get('WS_RATE_LIMIT_POINTS'), windowMs: this.get('WS_RATE_LIMIT_WINDOW_MS') };
  }
}
