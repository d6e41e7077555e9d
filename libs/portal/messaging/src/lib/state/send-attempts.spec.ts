import { SendAttempts } from './send-attempts';

let made = 0;
const attemptsWithCountedKeys = () => new SendAttempts(() => `key-${++made}`);

describe('SendAttempts', () => {
  it('keeps one key across the retries of one message, and makes a new one once it was sent', () => {
    const attempts = attemptsWithCountedKeys();
    const first = attempts.keyFor('t1', 'Call the lab');
    expect(attempts.keyFor('t1', 'Call the lab')).toBe(first);
    attempts.sent('t1', 'Call the lab');
    expect(attempts.keyFor('t1', 'Call the lab')).not.toBe(first);
  });

  it('makes a new key for another text or another thread', () => {
    const attempts = attemptsWithCountedKeys();
    const first = attempts.keyFor('t1', 'Call the lab');
    expect(attempts.keyFor('t1', 'Call the lab today')).not.toBe(first);
    expect(attempts.keyFor('t2', 'Call the lab today')).not.toBe(
      attempts.keyFor('t1', 'Call the lab today'),
    );
  });

  it('keeps the pending key when an answer for an older text comes in', () => {
    const attempts = attemptsWithCountedKeys();
    const key = attempts.keyFor('t1', 'Second');
    attempts.sent('t1', 'First');
    expect(attempts.keyFor('t1', 'Second')).toBe(key);
  });
});
