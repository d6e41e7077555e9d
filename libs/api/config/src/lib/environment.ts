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
import { MAX_TIMER_MS, MAX_TIMER_SECONDS } from './timers';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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

  /** Absolute lifetime of a sign-in: refreshing never extends a session past it. Same format. */
  @Matches(/^\d+[smhd]?$/)
  SESSION_MAX_AGE: string = '12h';

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
  @Max(MAX_TIMER_MS)
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
  @Max(MAX_TIMER_MS)
  PRESENCE_GRACE_MS: number = 5000;

  /** A node's presence entries lapse after this long without a renewal (the node is taken for dead). */
  @IsInt()
  @Min(500)
  @Max(MAX_TIMER_MS)
  PRESENCE_ENTRY_TTL_MS: number = 30_000;

  /** How often each node renews its presence entries and sweeps those of dead nodes. */
  @IsInt()
  @Min(100)
  @Max(MAX_TIMER_MS)
  PRESENCE_RENEW_EVERY_MS: number = 10_000;

  /** A typing:start lapses after this long without being renewed. */
  @IsInt()
  @Min(500)
  @Max(MAX_TIMER_MS)
  TYPING_LAPSE_MS: number = 5000;

  /** Per-user command budget, over all of the user's sockets: this many per window, then RATE_LIMITED. */
  @IsInt()
  @Min(1)
  WS_RATE_LIMIT_POINTS: number = 30;

  /** Counted in whole seconds (rounded up): the counters live in Redis with REDIS_URL. */
  @IsInt()
  @Min(1000)
  @Max(MAX_TIMER_MS)
  WS_RATE_LIMIT_WINDOW_MS: number = 5000;

  /**
   * Per-socket budget of `session:refresh` per window, then RATE_LIMITED. Refreshing is outside the
   * command budget (a person's other commands must never cost them their session), so this is what
   * bounds its token checks: room for the portal's refresh and its retries, with some to spare.
   */
  @IsInt()
  @Min(1)
  WS_REFRESH_POINTS: number = 10;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  WS_REFRESH_WINDOW_SECONDS: number = 60;

  /**
   * How often the server pings each socket (Engine.IO), and how long it waits for the answer before
   * it takes the client for gone: a client that went silent (asleep, network lost) is dropped within
   * their sum, and goes offline PRESENCE_GRACE_MS later. Socket.IO's own defaults: browsers take the
   * server for gone when no ping comes within their sum, and this one outlasts an event loop
   * stalled for seconds. Chart viewers have a check of their own (VIEWER_CHECK_EVERY_MS).
   */
  @IsInt()
  @Min(1000)
  @Max(MAX_TIMER_MS)
  WS_PING_INTERVAL_MS: number = 25_000;

  @IsInt()
  @Min(1000)
  @Max(MAX_TIMER_MS)
  WS_PING_TIMEOUT_MS: number = 20_000;

  /**
   * How often each socket viewing a chart is pinged on top of the heartbeat; one that has not
   * answered by the next check is dropped, so a silent viewer leaves the chart's viewers within
   * twice this.
   */
  @IsInt()
  @Min(100)
  @Max(MAX_TIMER_MS)
  VIEWER_CHECK_EVERY_MS: number = 7500;

  /**
   * Handshakes per person per window, over every node, recoveries included; the next is refused
   * RATE_LIMITED. Room for every tab of a person reconnecting on a flapping network, while a client
   * that reconnects in a loop slows to this pace instead of keeping every clinic's node busy.
   */
  @IsInt()
  @Min(1)
  WS_HANDSHAKE_POINTS: number = 120;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  WS_HANDSHAKE_WINDOW_SECONDS: number = 60;

  /** Open sockets per user, over every node; the next handshake is refused TOO_MANY_CONNECTIONS. */
  @IsInt()
  @Min(1)
  WS_MAX_CONNECTIONS_PER_USER: number = 10;

  /**
   * Engine.IO connections from one client address that are not (yet) a Socket.IO connection, per
   * node; the next is refused before any handshake. Handshakes take milliseconds, so a clinic
   * behind one address reconnecting all its tabs has a few waiting at once, a script thousands.
   */
  @IsInt()
  @Min(1)
  WS_PENDING_CONNECTIONS_PER_ADDRESS: number = 64;

  /** A connection that has not connected to Socket.IO (sent a CONNECT that was accepted) within this is closed. */
  @IsInt()
  @Min(1000)
  @Max(MAX_TIMER_MS)
  WS_CONNECT_TIMEOUT_MS: number = 10_000;

  /** Per-user budget of REST writes (POST, PUT, PATCH, DELETE) per window, then 429. */
  @IsInt()
  @Min(1)
  REST_WRITE_POINTS: number = 60;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  REST_WRITE_WINDOW_SECONDS: number = 60;

  /** Per-user budget of authenticated REST reads (GET, HEAD) per window, then 429. */
  @IsInt()
  @Min(1)
  REST_READ_POINTS: number = 100;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  REST_READ_WINDOW_SECONDS: number = 10;

  /**
   * Per-person budget of token refreshes per window, then 429. Refreshing is outside the write
   * budget and the person's turns (it must work when those are spent), so this is what bounds it:
   * room for a refresh per tab start and one per account change, for a person's many tabs.
   */
  @IsInt()
  @Min(1)
  REST_REFRESH_POINTS: number = 30;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  REST_REFRESH_WINDOW_SECONDS: number = 60;

  /**
   * Per-address budget of the public API documents (`/api/openapi.json`, `/api/asyncapi.json`,
   * the `/api/docs` page) per window, then 429: anyone may ask for them, none of the portal needs them.
   */
  @IsInt()
  @Min(1)
  PUBLIC_DOCUMENT_POINTS: number = 60;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  PUBLIC_DOCUMENT_WINDOW_SECONDS: number = 60;

  /**
   * Per-address budget of what callers not signed in are refused, per window: requests that no
   * route answers (404) and requests without a valid sign-in (401), together. Then 429, and the
   * refusals are summed up in one log line per window instead of one each. Room for a whole clinic
   * behind one address whose tabs' tokens all stop working at once; signing in is never refused by it.
   */
  @IsInt()
  @Min(1)
  ANONYMOUS_REFUSAL_POINTS: number = 120;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  ANONYMOUS_REFUSAL_WINDOW_SECONDS: number = 60;

  /**
   * A person's REST requests served at once on a node; the rest wait for one of theirs to be
   * answered, so one person's many requests queue behind their own, not ahead of other clinics'.
   */
  @IsInt()
  @Min(1)
  REST_IN_FLIGHT_PER_PERSON: number = 4;

  /** Failed sign-ins of one account (whatever the address) before it is locked. */
  @IsInt()
  @Min(1)
  SIGNIN_ACCOUNT_MAX_FAILURES: number = 10;

  /** Failed sign-ins from one client address (whatever the account) before it is refused. */
  @IsInt()
  @Min(1)
  SIGNIN_ADDRESS_MAX_FAILURES: number = 100;

  /** The window in which failed sign-ins are counted, for accounts and addresses. */
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  SIGNIN_FAILURE_WINDOW_SECONDS: number = 900;

  /** The first lockout of an account; each further lockout within a day doubles it. */
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  SIGNIN_LOCKOUT_SECONDS: number = 60;

  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_SECONDS)
  SIGNIN_LOCKOUT_MAX_SECONDS: number = 3600;

  /** Password hashes computed at once (each one takes a thread and 19 MiB); the rest wait their turn. */
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY: number = 1;

  /**
   * Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client address.
   * `false` (direct clients), `true`, a hop count, or comma-separated addresses and subnets
   * (`loopback`, `10.0.0.0/8`). Behind nginx without it, every client shares nginx's address.
   */
  @IsString()
  @Matches(/^(true|false|\d+|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/)
  TRUST_PROXY: string = 'false';

  /** Least severe level written to the log. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevel = 'info';

  /** `json`: one JSON object a line; `pretty`: one readable line each. Unset: pretty on a terminal, else JSON. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;
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
  const zone = timeZoneOf(raw);
  if (env.DATABASE_URL?.startsWith('postgres') && !isUtcAllYear(zone)) {
    problems.push(
      `TZ: must be UTC on PostgreSQL, whose timestamp columns keep the server's local time (this process runs on ${zone})`,
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

/** The zone the process keeps its clock in: `TZ`, else the system's. */
const timeZoneOf = (raw: Record<string, unknown>): string =>
  typeof raw['TZ'] === 'string' && raw['TZ'] !== '' ? raw['TZ'] : Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * On PostgreSQL, times are written to `timestamp` columns in the process's local time: in a zone
 * with summer time, the hour repeated when clocks go back holds two instants as one, and nodes in
 * different zones read each other's times shifted.
 */
function isUtcAllYear(zone: string): boolean {
  const year = new Date().getUTCFullYear();
  try {
    const offset = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
    return [0, 6].every((month) => {
      const parts = offset.formatToParts(new Date(Date.UTC(year, month, 1)));
      return /^GMT([+-]00:00)?$/.test(parts.find((part) => part.type === 'timeZoneName')?.value ?? '');
    });
  } catch {
    return false; // a zone Intl does not know
  }
}
