import { ActionKeys } from './action-keys';

let made = 0;
const keysCounted = () => new ActionKeys(() => `key-${++made}`);

describe('ActionKeys', () => {
  it('keeps one key across the retries of one request, and makes a new one once it went through', () => {
    const keys = keysCounted();
    const first = keys.keyFor('send', { threadId: 't1', body: 'Call the lab' });
    expect(keys.keyFor('send', { threadId: 't1', body: 'Call the lab' })).toBe(first);
    keys.done('send', { threadId: 't1', body: 'Call the lab' });
    expect(keys.keyFor('send', { threadId: 't1', body: 'Call the lab' })).not.toBe(first);
  });

  it('makes a new key for another request of the same action, and keeps actions apart', () => {
    const keys = keysCounted();
    const first = keys.keyFor('send', { threadId: 't1', body: 'Call the lab' });
    expect(keys.keyFor('send', { threadId: 't1', body: 'Call the lab today' })).not.toBe(first);
    const cancel = keys.keyFor('cancel:a1', { reason: 'Ill' });
    expect(keys.keyFor('check-in:a2', {})).not.toBe(cancel);
    expect(keys.keyFor('cancel:a1', { reason: 'Ill' })).toBe(cancel);
  });

  it('keeps the pending key when an answer for an older request comes in', () => {
    const keys = keysCounted();
    const key = keys.keyFor('send', { threadId: 't1', body: 'Second' });
    keys.done('send', { threadId: 't1', body: 'First' });
    expect(keys.keyFor('send', { threadId: 't1', body: 'Second' })).toBe(key);
  });
});
