import { Injectable, Logger } from '@nestjs/common';
import type { ExtendedError } from 'socket.io';
import { AppConfig } from '@derm/api/config';
import { Budget, RateLimiters } from '@derm/api/redis';
import type { RealtimeSocket } from '../realtime-socket';
import { refusal } from './handshake-authenticator.service';

/**
 * At most WS_HANDSHAKE_POINTS handshakes per person per WS_HANDSHAKE_WINDOW_SECONDS, over every
 * node with REDIS_URL, recoveries included. What a handshake costs past its authentication (the
 * connection count, the rooms, presence, each gateway's greeting) is what a client reconnecting in
 * a loop makes every clinic's node pay; past the budget it gets RATE_LIMITED with the wait, held
 * (`Budget`), and its other sockets keep working.
 */
@Injectable()
export class HandshakeBudget {
  private readonly logger = new Logger('HandshakeBudget');
  private readonly budget: Budget;
  private readonly limit: string;

  constructor(config: AppConfig, limiters: RateLimiters) {
    const { points, windowSeconds } = config.wsHandshakeBudget;
    this.budget = limiters.budget({ name: 'ws-handshakes', points, durationSeconds: windowSeconds });
    this.limit = `At most ${points} connections per person in ${windowSeconds} s`;
  }

  /** Socket.IO middleware after the handshake's authentication, which put the person on `socket.data`. */
  readonly middleware = (socket: RealtimeSocket, next: (error?: ExtendedError) => void): void => {
    const { tenantId, userId } = socket.data;
    this.budget.spend(`${tenantId}|${userId}`).then(
      (spent) => next(spent.ok ? undefined : refusal('RATE_LIMITED', this.limit, spent.retryInMs)),
      (error: unknown) => {
        // The budget protects the server; an error counting must not lock everyone out.
        this.logger.error('Counting a handshake failed; admitting it', error instanceof Error ? error.stack : error);
        next();
      },
    );
  };
}
