import { login, RealtimeTestClient } from '@derm/shared/test-client';
import { badge, expect, test } from './fixtures';

/** The API's default per-person cap (WS_MAX_CONNECTIONS_PER_USER). */
const CAP = 10;

test.describe('the per-person connection cap', () => {
  test('a tab refused for too many connections says why, and connects by itself once one closes', async ({ api, signIn }) => {
    // The nurse's account already holds every connection it may, from other devices.
    const { accessToken } = await login(api.url, 'nurse@riverside.test');
    const devices = await Promise.all(Array.from({ length: CAP }, () => RealtimeTestClient.connect(api.url, accessToken)));

    const nurse = await signIn('nurse@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'disconnected');
    const banner = nurse.getByRole('status').filter({ hasText: /too many tabs or devices are connected with your account/ });
    await expect(banner).toBeVisible();

    // Another person of the clinic is not held back by the nurse's count.
    const provider = await signIn('provider@riverside.test');
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'disconnected');

    // One device closes: the tab retries on its own (within its first backoff step) and is live.
    devices.pop()?.close();
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
    await expect(banner).toHaveCount(0);

    // The tab now holds the freed place: the next device of the nurse is refused, not admitted past the cap.
    const refused = await RealtimeTestClient.refusedHandshake(api.url, { auth: { token: accessToken } });
    expect(refused.message).toBe('TOO_MANY_CONNECTIONS');
    for (const device of devices) device.close();
  });
});
