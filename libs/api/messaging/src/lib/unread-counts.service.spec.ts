import { ThreadSummary } from '@derm/shared/contracts';
import { createMessagingTestBed, MessagingTestBed } from '../testing/messaging-test-bed';

describe('UnreadCounts', () => {
  let bed: MessagingTestBed;
  let thread: ThreadSummary;
  let other: ThreadSummary;

  beforeEach(async () => {
    bed = await createMessagingTestBed();
    const { provider, nurse, frontDesk } = bed.users;
    thread = await bed.threads.create(nurse, { participantIds: [provider.userId, frontDesk.userId] });
    other = await bed.threads.create(provider, { participantIds: [nurse.userId] });
  });
  afterEach(() => bed.close());

  it('counts several people in one query, each as their own count would', async () => {
    const { provider, nurse, frontDesk } = bed.users;
    await bed.messages.post(nurse, thread.id, 'Room 2 is ready');
    await bed.messages.post(nurse, thread.id, 'And room 3');
    await bed.messages.post(provider, other.id, 'Biopsy results are in');
    const queries = jest.spyOn(bed.dataSource.driver, 'createQueryRunner');

    const counts = await bed.unread.ofEach(nurse.tenantId, [provider.userId, nurse.userId, frontDesk.userId]);

    expect(queries).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(counts)).toEqual({
      [provider.userId]: { total: 2, byThread: { [thread.id]: 2 } },
      [nurse.userId]: { total: 1, byThread: { [other.id]: 1 } },
      [frontDesk.userId]: { total: 2, byThread: { [thread.id]: 2 } },
    });
    for (const user of [provider, nurse, frontDesk]) {
      expect(await bed.unread.of(user.tenantId, user.userId)).toEqual(counts.get(user.userId));
    }
  });

  it('answers nothing unread for people without messages, and never counts another clinic', async () => {
    const { provider, stranger } = bed.users;
    await bed.messages.post(bed.users.nurse, thread.id, 'Room 2 is ready');

    const fromTheirClinic = await bed.unread.ofEach(stranger.tenantId, [provider.userId, stranger.userId]);

    expect(Object.fromEntries(fromTheirClinic)).toEqual({
      [provider.userId]: { total: 0, byThread: {} },
      [stranger.userId]: { total: 0, byThread: {} },
    });
    expect((await bed.unread.ofEach(provider.tenantId, [])).size).toBe(0);
  });
});
