import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import type { RealtimeSocket } from '../realtime-socket';
import { CommandException } from './command.exception';

interface Window {
  startedAt: number;
  used: number;
}

/**
 * A fixed-window budget per socket (WS_RATE_LIMIT_POINTS commands per WS_RATE_LIMIT_WINDOW_MS).
 * A flooding socket gets RATE_LIMITED acks; other sockets have budgets of their own.
 */
@Injectable()
export class WsRateLimitGuard implements CanActivate {
  private readonly windows = new WeakMap<RealtimeSocket, Window>();

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const socket = context.switchToWs().getClient<RealtimeSocket>();
    const { points, windowMs } = this.config.wsRateLimit;
    const now = Date.now();
    let window = this.windows.get(socket);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(socket, window);
    }
    window.used += 1;
    if (window.used > points) {
      const retryInMs = window.startedAt + windowMs - now;
      throw new CommandException('RATE_LIMITED', `Too many commands; retry in ${retryInMs} ms`);
    }
    return true;
  }
}
