import { Injectable } from '@nestjs/common';
import type { SocketSessionData } from '@derm/shared/contracts';

/**
 * Whether a person may be back in the rooms a stored session held, answered by the domain that
 * owns those rooms (a thread's: still in the thread). Rooms it does not own pass.
 */
export type RoomsCheck = (session: SocketSessionData, rooms: readonly string[]) => boolean | Promise<boolean>;

/**
 * A recovering socket is given back its rooms and the packets they had while it was away, before
 * any gateway sees it. Someone who left a thread, or lost a role, meanwhile must get neither: each
 * domain registers a check of its rooms, and a session any check refuses is not restored (the tab
 * connects afresh, re-reads over REST and joins what it may).
 */
@Injectable()
export class RecoveredRooms {
  private readonly checks: RoomsCheck[] = [];

  /** Registers a domain's check of its own rooms. */
  check(check: RoomsCheck): void {
    this.checks.push(check);
  }

  /** True when every domain lets this person back into every room the session held. */
  async allow(session: SocketSessionData, rooms: readonly string[]): Promise<boolean> {
    for (const check of this.checks) {
      if (!(await check(session, rooms))) return false;
    }
    return true;
  }
}
