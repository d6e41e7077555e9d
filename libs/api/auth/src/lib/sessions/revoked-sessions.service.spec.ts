import type { Repository } from 'typeorm';
import { GATHERING_WINDOW_MS, type Transactions } from '@derm/api/database';
import { RevokedSessionEntity } from './revoked-session.entity';
import { holdTheGatheringWindow, nextTurn } from '@derm/api/database/testing';
import { RevokedSessions } from './revoked-sessions.service';

describe('RevokedSessions', () => {
  afterEach(() => jest.useRealTimers());

  it('looks up the sessions asked about within a moment in one query, outside any transaction, and caches the answers', async () => {
    holdTheGatheringWindow();
    const find = jest.fn(async () => [{ sessionId: 'signed-out' } as RevokedSessionEntity]);
    const revoked = new RevokedSessions({} as Transactions, { find } as unknown as Repository<RevokedSessionEntity>);

    const signedOut = revoked.isRevoked('signed-out');
    await nextTurn();
    const live = revoked.isRevoked('live');
    await nextTurn();
    const signedOutAgain = revoked.isRevoked('signed-out');
    jest.advanceTimersByTime(GATHERING_WINDOW_MS);

    expect(await Promise.all([signedOut, live, signedOutAgain])).toEqual([true, false, true]);
    expect(find).toHaveBeenCalledTimes(1);

    revoked.forget('live');
    const liveAgain = revoked.isRevoked('live');
    jest.advanceTimersByTime(GATHERING_WINDOW_MS);
    expect(await liveAgain).toBe(false);
    expect(find).toHaveBeenCalledTimes(2);
  });
});
