import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@derm/api/config';
import { bearerToken } from '@derm/api/http';

const sameSecret = (presented: string, expected: string): boolean => {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** With METRICS_TOKEN set, a scrape must present it as a bearer token; without it, /metrics is open. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.metricsToken;
    if (!expected) return true;
    const token = bearerToken(context.switchToHttp().getRequest<IncomingMessage>().headers.authorization);
    if (token && sameSecret(token, expected)) return true;
    throw new UnauthorizedException('The metrics token is required');
  }
}
