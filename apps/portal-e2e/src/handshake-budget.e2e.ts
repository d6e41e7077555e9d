import { login, RealtimeTestClient } from '@derm/shared/test-client';
import { badge, expect, test } from './fixtures';

/** A small budget and window (WS_HANDSHAKE_POINTS per WS_HANDSHAKE_WINDOW_SECONDS), so the wait is short. */
const HANDSHAKES = 3;
const WINDOW_SECONDS = 20;

test.use({
  apiEnv: { WS_HANDSHAKE_POINTS: String(HANDSHAKES), WS_HANDSHAKE_WINDOW_SECONDS: String(WINDOW_SECONDS) },
});

test.describe('the per-person handshake budget', () => {
  test('a tab refused for too many connection attempts says why, and connects by itself once the wait is over', async ({
    api,
    signIn,
  }) => {
    const provider = await signIn('provider@riverside.test');
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');

    // Another device of the nurse's, reconnecting in a loop, has spent her handshakes of this window.
    const { accessToken } = await login(api.url, 'nurse@riverside.test');
    for (let i = 0; i < HANDSHAKES; i++) (await RealtimeTestClient.connect(api.url, accessToken)).close();
    const refused = await RealtimeTestClient.refusedHandshake(api.url, { auth: { token: accessToken } });
    expect(refused.message).toBe('RATE_LIMITED');

    const nurse = await signIn('nurse@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'disconnected');
    const banner = nurse
      .getByRole('status')
      .filter({ hasText: /your account connected too many times in a short while/ });
    await expect(banner).toBeVisible();

    // A colleague is not held back by the nurse's count: the provider's tab stays live.
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');

    // Nobody presses anything: the tab waits out the window the server named, and is live.
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected', { timeout: (WINDOW_SECONDS + 15) * 1000 });
    await expect(banner).toHaveCount(0);
  });
});
