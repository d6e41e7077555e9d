import { NOTIFICATION_TITLE_MAX_LENGTH } from '@derm/shared/contracts';
import { noticeTitle } from './notice-text';

describe('noticeTitle', () => {
  it('says what happened to what, as it is when it fits', () => {
    expect(noticeTitle('New task', 'Call back Mr. Blake')).toBe('New task: Call back Mr. Blake');
    const fits = 'x'.repeat(NOTIFICATION_TITLE_MAX_LENGTH - 'New task: '.length);
    expect(noticeTitle('New task', fits)).toBe(`New task: ${fits}`);
  });

  it('cuts a longer one to the inbox’s length with an ellipsis', () => {
    const title = noticeTitle('Lab result ready', 'y'.repeat(200));
    expect(title).toHaveLength(NOTIFICATION_TITLE_MAX_LENGTH);
    expect(title).toBe(`Lab result ready: ${'y'.repeat(NOTIFICATION_TITLE_MAX_LENGTH - 19)}…`);
  });

  it('counts characters, never splitting one outside the Basic Multilingual Plane', () => {
    const title = noticeTitle('New task', '🧴'.repeat(200));
    expect(Array.from(title)).toHaveLength(NOTIFICATION_TITLE_MAX_LENGTH);
    expect(title).toBe(`New task: ${'🧴'.repeat(NOTIFICATION_TITLE_MAX_LENGTH - 11)}…`);
  });
});
