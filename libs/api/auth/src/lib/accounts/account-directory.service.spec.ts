import type { Repository } from 'typeorm';
import { GATHERING_WINDOW_MS } from '@derm/api/database';
import { StaffMemberEntity } from '../staff-member.entity';
import { holdTheGatheringWindow, nextTurn } from '@derm/api/database/testing';
import { AccountDirectory } from './account-directory.service';

const row = (id: string, tenantId: string): StaffMemberEntity =>
  ({ id, tenantId, name: `Staff ${id}`, role: 'nurse', active: true, sessionsRevokedAt: null }) as StaffMemberEntity;

describe('AccountDirectory', () => {
  afterEach(() => jest.useRealTimers());

  it('reads the accounts asked for within a moment in one query, each only under its own clinic', async () => {
    holdTheGatheringWindow();
    const findBy = jest.fn(async () => [row('u1', 't1'), row('u2', 't1'), row('u3', 't2')]);
    const accounts = new AccountDirectory({ findBy } as unknown as Repository<StaffMemberEntity>);

    const first = accounts.find('t1', 'u1');
    await nextTurn();
    const second = accounts.find('t1', 'u2');
    await nextTurn();
    // u1's id presented under another clinic: nothing of u1.
    const underAnotherClinic = accounts.find('t2', 'u1');
    const third = accounts.find('t2', 'u3');
    jest.advanceTimersByTime(GATHERING_WINDOW_MS);

    expect(await Promise.all([first, second, underAnotherClinic, third])).toEqual([
      expect.objectContaining({ userId: 'u1', tenantId: 't1' }),
      expect.objectContaining({ userId: 'u2', tenantId: 't1' }),
      undefined,
      expect.objectContaining({ userId: 'u3', tenantId: 't2' }),
    ]);
    expect(findBy).toHaveBeenCalledTimes(1);
  });

  it('answers from its cache until an account is forgotten, then reads it afresh', async () => {
    const findBy = jest.fn(async () => [row('u1', 't1')]);
    const accounts = new AccountDirectory({ findBy } as unknown as Repository<StaffMemberEntity>);
    await accounts.find('t1', 'u1');
    await accounts.find('t1', 'u1');
    expect(findBy).toHaveBeenCalledTimes(1);
    accounts.forget('t1', 'u1');
    await accounts.find('t1', 'u1');
    expect(findBy).toHaveBeenCalledTimes(2);
  });
});
