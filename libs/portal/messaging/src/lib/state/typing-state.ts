import { TypingSignal } from '@derm/shared/contracts';

export interface Typist {
  userId: string;
  name: string;
  /** Epoch ms after which the entry is dropped even if no `isTyping: false` came (connection lost). */
  until: number;
}

/** Applies one `typing` signal of the thread being shown. */
export function applyTyping(typists: readonly Typist[], signal: TypingSignal, now: number, ttlMs: number): Typist[] {
  const others = typists.filter((typist) => typist.userId !== signal.userId);
  return signal.isTyping ? [...others, { userId: signal.userId, name: signal.name, until: now + ttlMs }] : others;
}

/** The same list when nobody is overdue, so that a periodic check changes nothing. */
export function expireTypists(typists: readonly Typist[], now: number): readonly Typist[] {
  const current = typists.filter((typist) => typist.until > now);
  return current.length === typists.length ? typists : current;
}
