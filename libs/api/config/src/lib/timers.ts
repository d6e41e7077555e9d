/**
 * The longest delay `setTimeout` takes: past 2^31-1 ms (about 24.8 days) Node.js fires it after
 * 1 ms instead. A longer wait is taken in several steps of at most this; a duration setting that
 * is waited for in one timer is refused past it.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** `MAX_TIMER_MS` in whole seconds, for the settings counted in seconds. */
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);
