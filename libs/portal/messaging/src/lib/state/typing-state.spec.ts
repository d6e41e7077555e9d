import { applyTyping, expireTypists } from './typing-state';

describe('typing state', () => {
  const signal = (userId: string, isTyping: boolean) => ({ threadId: 't', userId, name: userId, isTyping });

  it('adds, renews and removes typists', () => {
    let typists = applyTyping([], signal('ana', true), 0, 1000);
    typists = applyTyping(typists, signal('nora', true), 100, 1000);
    typists = applyTyping(typists, signal('ana', true), 500, 1000);
    expect(typists).toEqual([
      { userId: 'nora', name: 'nora', until: 1100 },
      { userId: 'ana', name: 'ana', until: 1500 },
    ]);
    expect(applyTyping(typists, signal('nora', false), 600, 1000).map((t) => t.userId)).toEqual(['ana']);
  });

  it('drops typists whose signal is overdue', () => {
    const typists = [{ userId: 'ana', name: 'ana', until: 1000 }];
    expect(expireTypists(typists, 999)).toBe(typists);
    expect(expireTypists(typists, 1000)).toEqual([]);
  });
});
