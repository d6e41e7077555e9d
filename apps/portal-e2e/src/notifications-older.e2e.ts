import { Page } from '@playwright/test';
import { expect, restAs, test } from './fixtures';

const title = (n: number) => `Announcement ${String(n).padStart(2, '0')}`;
const items = (page: Page) => page.getByTestId('notifications-list').getByTestId('notification-item');

/** Announcements 01 to 25 to the whole of Riverside, oldest first. */
async function announce25(apiUrl: string): Promise<void> {
  const admin = await restAs(apiUrl, 'admin@riverside.test');
  for (let n = 1; n <= 25; n++) {
    const { status } = await admin.rest.post('/api/announcements', { title: title(n), body: 'Clinic news' });
    expect(status).toBe(201);
  }
}

async function openNotifications(page: Page): Promise<void> {
  await page.goto('/notifications');
  await expect(page.getByTestId('notifications-summary')).not.toContainText('loading');
}

test('the notifications page shows 20 at a time, the older ones on request, and says so when they cannot be read; another clinic sees none of them', async ({
  api,
  signIn,
}) => {
  await announce25(api.url);

  const nurse = await signIn('nurse@riverside.test');
  await openNotifications(nurse);
  const newestFirst = Array.from({ length: 25 }, (_, i) => title(25 - i));
  await expect(items(nurse)).toHaveCount(20);
  await expect(items(nurse).first()).toContainText(title(25));
  await expect(items(nurse).last()).toContainText(title(6));

  // The next page fails once: the person is told, and the list stays as it was.
  let refused = 0;
  await nurse.route(
    (url) => url.pathname === '/api/notifications' && url.searchParams.has('cursor'),
    (route) => {
      refused += 1;
      return route.abort();
    },
    { times: 1 },
  );
  const older = nurse.getByTestId('notifications-older');
  await older.click();
  await expect(nurse.getByTestId('notifications-older-error')).toHaveText('Could not load more. Try again.');
  expect(refused).toBe(1);
  await expect(items(nurse)).toHaveCount(20);

  await older.click();
  await expect(items(nurse)).toHaveCount(25);
  await expect(nurse.getByTestId('notifications-older-error')).toHaveCount(0);
  for (const [index, text] of newestFirst.entries()) await expect(items(nurse).nth(index)).toContainText(text);
  // Every page read: nothing more to ask for.
  await expect(older).toHaveCount(0);

  const otherClinic = await signIn('nurse@lakeside.test');
  await openNotifications(otherClinic);
  await expect(otherClinic.getByTestId('notifications-list')).toBeVisible();
  await expect(items(otherClinic).filter({ hasText: 'Announcement' })).toHaveCount(0);
  await expect(otherClinic.getByTestId('notifications-older')).toHaveCount(0);
});

test('a notification read on the first page leaves the older unread ones to come next', async ({ api, signIn }) => {
  await announce25(api.url);

  const provider = await signIn('provider@riverside.test');
  await openNotifications(provider);
  await expect(items(provider)).toHaveCount(20);
  // The last one shown is read first: read ones go to the end, and it stays the last.
  const lastShown = items(provider).filter({ hasText: title(6) });
  await lastShown.getByTestId('notification-mark-read').click();
  await expect(lastShown).toHaveAttribute('data-unread', 'false');

  await provider.getByTestId('notifications-older').click();
  for (let n = 1; n <= 5; n++) {
    await expect(items(provider).filter({ hasText: title(n) })).toHaveAttribute('data-unread', 'true');
  }
  await expect(items(provider).filter({ hasText: 'Announcement' })).toHaveCount(25);
});
