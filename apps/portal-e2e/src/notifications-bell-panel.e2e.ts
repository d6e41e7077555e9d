import { Page } from '@playwright/test';
import { badge, expect, restAs, signInOnPage, test } from './fixtures';

const bellCount = (page: Page) => page.getByTestId('notification-count');
const panel = (page: Page) => page.getByTestId('notification-panel');

/** Resolves once the page has fetched the script that draws the bell's panel, whichever file the build put it in. */
const panelCodeArrives = (page: Page) =>
  page.waitForResponse(
    async (response) =>
      new URL(response.url()).pathname.endsWith('.js') &&
      (await response.text()).includes('notification-mark-all-read'),
  );

test('the bell panel opens with its notifications on the first click, even when the network dropped after the page loaded', async ({
  api,
  browser,
  signIn,
}) => {
  const context = await browser.newContext({ baseURL: api.url });
  const nurse = await context.newPage();
  const panelCode = panelCodeArrives(nurse);
  await nurse.goto('/login');
  await signInOnPage(nurse, 'nurse@riverside.test');
  const otherClinic = await signIn('nurse@lakeside.test');
  const admin = await restAs(api.url, 'admin@riverside.test');
  const sent = await admin.rest.post('/api/announcements', { title: 'Fire drill at noon', body: 'Use stairway B.' });
  expect(sent.status).toBe(201);
  await expect(bellCount(nurse)).toHaveText('1');

  // Nobody has clicked yet: the panel's code is already on the page, so a dropped network cannot keep it shut.
  await panelCode;
  await context.setOffline(true);
  await expect(badge(nurse)).toHaveAttribute('data-state', 'offline');

  await nurse.getByTestId('notification-bell').click();
  await expect(panel(nurse)).toBeVisible();
  await expect(panel(nurse).getByTestId('notification-item')).toHaveText([/Fire drill at noon/]);
  await expect(panel(nurse).getByTestId('notification-mark-all-read')).toBeEnabled();
  await expect(panel(nurse).getByTestId('notification-view-all')).toBeVisible();

  // The other clinic's nurse heard nothing: her panel opens on the first click too, empty.
  await expect(bellCount(otherClinic)).toHaveText('0');
  await otherClinic.getByTestId('notification-bell').click();
  await expect(panel(otherClinic).getByTestId('notification-empty')).toBeVisible();
  await expect(panel(otherClinic).getByTestId('notification-item')).toHaveCount(0);
  await context.close();
});

test('a bell panel whose code could not be fetched says so, and opens with the notifications once the server answers again', async ({
  api,
  browser,
}) => {
  const context = await browser.newContext({ baseURL: api.url });
  const nurse = await context.newPage();
  let serverDown = true;
  let refused = 0;
  await nurse.route(/\.js$/, async (route) => {
    const response = await route.fetch();
    if (serverDown && (await response.text()).includes('notification-mark-all-read')) {
      refused++;
      return route.abort('connectionrefused');
    }
    return route.fulfill({ response });
  });
  await nurse.goto('/login');
  await signInOnPage(nurse, 'nurse@riverside.test');
  // The fetch made when the page went idle failed.
  await expect.poll(() => refused).toBeGreaterThan(0);

  await nurse.getByTestId('notification-bell').click();
  await expect(panel(nurse).getByTestId('notification-panel-failed')).toBeVisible();
  await expect(panel(nurse).getByTestId('notification-mark-all-read')).toHaveCount(0);

  serverDown = false;
  await nurse.keyboard.press('Escape');
  await expect(panel(nurse)).toBeHidden();
  await nurse.getByTestId('notification-bell').click();
  await expect(panel(nurse).getByTestId('notification-mark-all-read')).toBeVisible();
  await expect(panel(nurse).getByTestId('notification-panel-failed')).toHaveCount(0);
  await context.close();
});
