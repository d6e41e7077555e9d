import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const DEVELOPMENT_JWT_SECRET = 'derm-realtime-development-secret-change-me';
/** PRESENCE_ENTRY_TTL_MS must hold at least this many renewal periods. */
export const PRESENCE_RENEWALS_PER_TTL = 3;

/** Reads the raw string: implicit conversion would turn "false" into true. */
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return raw === undefined || raw === '' ? undefined : raw === true || raw === 'true' || raw === '1';
};

/** Every environment variable the API reads, with its default. Documented in the README. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(16)
  JWT_SECRET: string = DEVELOPMENT_JWT_SECRET;

  /** Seconds, or a number followed by s, m, h or d. */
  @Matches(/^\d+[smhd]?$/)
  JWT_TTL: string = '8h';

  @IsString()
  JWT_ISSUER: string = 'derm-realtime';

  @IsString()
  JWT_AUDIENCE: string = 'derm-portal';

  /** Unset: the embedded SQLite file; `sqlite:<path>`; `postgres://…`. */
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/)
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/)
  REDIS_URL?: string;

  /** Prefix of every Redis key, stream and channel, so several deployments can share one Redis. */
  @IsString()
  @Matches(/^[\w:.-]*$/)
  REDIS_KEY_PREFIX: string = 'derm:';

  /** On SIGTERM, how long readiness fails before connections close (lets a load balancer notice). */
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_MS: number = 0;

  /** Comma-separated origins allowed for CORS and for the WebSocket handshake. */
  @IsString()
  CORS_ORIGINS: string = 'http://localhost:3000,http://localhost:4200';

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_SEED?: boolean;

  /** Folder with the built portal to serve on the same origin; empty disables it. */
  @IsString()
  PORTAL_DIST: string = 'dist/apps/portal/browser';

  /** How long an urgent alert to a person may stay unacknowledged before admins are alerted. */
  @IsInt()
  @Min(1)
  ALERT_ESCALATION_SECONDS: number = 300;

  /** How long a user stays online after their last socket closed (a reload does not flap). */
  @IsInt()
  @Min(0)
  PRESENCE_GRACE_MS: number = 5000;

  /** A node's presence entries lapse after this long without a renewal (the node is taken for dead). */
  @IsInt()
  @Min(500)
  PRESENCE_ENTRY_TTL_MS: number = 30_000;

  /** How often each node renews its presence entries and sweeps those of dead nodes. */
  @IsInt()
  @Min(100)
  PRESENCE_RENEW_EVERY_MS: number = 10_000;

  /** A typing:start lapses after this long without being renewed. */
  @IsInt()
  @Min(500)
  TYPING_LAPSE_MS: number = 5000;

  /** Per-socket command budget: this many commands per window, then RATE_LIMITED. */
  @IsInt()
  @Min(1)
  WS_RATE_LIMIT_POINTS: number = 30;

  @IsInt()
  @Min(100)
  WS_RATE_LIMIT_WINDOW_MS: number = 5000;
}

/** Validates `process.env` at start; one clear message listing every variable at fault. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const problems = validateSync(env, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((text) => `${error.property}: ${text}`),
  );
  // A renewal late by half a beat, after a short Redis outage, must still come before the lapse.
  if (env.PRESENCE_ENTRY_TTL_MS < PRESENCE_RENEWALS_PER_TTL * env.PRESENCE_RENEW_EVERY_MS) {
    problems.push(
      `PRESENCE_ENTRY_TTL_MS: must be at least ${PRESENCE_RENEWALS_PER_TTL} times PRESENCE_RENEW_EVERY_MS (${env.PRESENCE_RENEW_EVERY_MS})`,
    );
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    problems.push('JWT_SECRET: must be set in production');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}
