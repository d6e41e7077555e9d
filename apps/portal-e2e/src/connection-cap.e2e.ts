import { login, RealtimeTestClient } from '@derm/shared/test-client';
import { badge, expect, test } from './fixtures';

/** The API's default per-person cap (WS_MAX_CONNECTIONS_PER_USER). */
const CAP = 10;

test.describe('the per-person connection cap', () => {
  test('a tab refused for too many connections says why, and connects by itself once one closes', async ({
    api,
    signIn,
  }) => {
    // The nurse's account already holds every connection it may, from other devices.
    const { accessToken } = await login(api.url, 'nurse@riverside.test');
    const devices = await Promise.all(
      Array.from({ length: CAP }, () => RealtimeTestClient.connect(api.url, accessToken)),
    );

    // Another person of the clinic is not held back by the nurse's count.
    const provider = await signIn('provider@riverside.test');
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');

    const nurse = await signIn('nurse@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'disconnected');
    const banner = nurse
      .getByRole('status')
      .filter({ hasText: /too many tabs or devices are connected with your account/ });
    await expect(banner).toBeVisible();

    // One device closes: the tab tries again on its own and is live, with nobody pressing anything.
    // Its first try comes 2.5–7.5 s after the refusal, a second 5–15 s after that.
    devices.pop()?.close();
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(banner).toHaveCount(0);

    // The tab now holds the freed place: the next device of the nurse is refused, not admitted past the cap.
    const refused = await RealtimeTestClient.refusedHandshake(api.url, { auth: { token: accessToken } });
    expect(refused.message).toBe('TOO_MANY_CONNECTIONS');
    for (const device of devices) device.close();
  });
});
