import { Page, Route } from '@playwright/test';
import { expect, signInOnPage, test } from './fixtures';

/**
 * A shared front-desk computer: the nurse signs out and the front desk of another clinic signs in
 * on the same tab while an answer to something the nurse's tab asked is still on its way.
 */
// A short token life, so that the tab refreshes its token within seconds of signing in (at four
// fifths of it), and a last fifth long enough for a sign-out on a busy machine before it expires.
test.use({ apiEnv: { JWT_TTL: '20s' } });

const REFRESH = '**/api/auth/refresh';

/** The first token refresh the tab asks for, held by the test: `asked` once it is held. */
async function holdFirstRefresh(page: Page): Promise<{ asked: Promise<Route> }> {
  let held = false;
  let resolve!: (route: Route) => void;
  const asked = new Promise<Route>((done) => (resolve = done));
  await page.route(REFRESH, async (route) => {
    if (held) return route.continue();
    held = true;
    resolve(route);
  });
  return { asked };
}

/**
 * Lets the tab handle what it has received: an answer the browser already had is handled before
 * a request made after it completes.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => fetch('/health/ready').then((response) => response.ok));
}

async function nurseSignsOutAndTheoSignsIn(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await signInOnPage(page, 'frontdesk@lakeside.test');
  await expect(page.getByTestId('current-user')).toHaveText('Theo Grant');
}

test('a token refresh the server answered before the nurse signed out never signs her back in over the next person', async ({
  page,
}) => {
  const refresh = await holdFirstRefresh(page);
  await page.goto('/login');
  await signInOnPage(page, 'nurse@riverside.test');
  const route = await refresh.asked;
  // The server renews the nurse's token; its answer reaches the tab only after she has gone.
  const renewed = await route.fetch();
  expect(renewed.status()).toBe(200);

  await nurseSignsOutAndTheoSignsIn(page);
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await route.fulfill({ response: renewed });
  await settled(page);

  await expect(page.getByTestId('current-user')).toHaveText('Theo Grant');
  await expect(page.getByTestId('current-clinic')).toHaveText('Lakeside Skin Clinic');
  expect(sockets).toEqual([]);
  // Nor is she kept for the tab's next load.
  await page.reload();
  await expect(page.getByTestId('current-user')).toHaveText('Theo Grant');
});

test('a token refresh the server refuses because the nurse signed out does not sign out the next person', async ({
  page,
}) => {
  const refresh = await holdFirstRefresh(page);
  await page.goto('/login');
  await signInOnPage(page, 'nurse@riverside.test');
  const route = await refresh.asked;

  await nurseSignsOutAndTheoSignsIn(page);
  // The nurse's session has ended on the server: her refresh is refused now.
  const refused = page.waitForResponse((response) => response.url().endsWith('/api/auth/refresh'));
  await route.continue();
  expect((await refused).status()).toBe(401);
  await settled(page);

  await expect(page).toHaveURL(/\/schedule$/);
  await expect(page.getByTestId('current-user')).toHaveText('Theo Grant');
  await expect(page.getByTestId('login-notice')).toHaveCount(0);
});

test.describe('a sign-in that reaches its maximum age while the page is open', () => {
  test.use({ apiEnv: { JWT_TTL: '4s', SESSION_MAX_AGE: '7s' } });

  test('the page says the session expired and shows nothing of the person any more', async ({ page }) => {
    await page.goto('/login');
    await signInOnPage(page, 'nurse@riverside.test');

    await expect(page).toHaveURL(/\/login\?reason=expired$/, { timeout: 15_000 });
    await expect(page.getByTestId('login-notice')).toHaveText('Your session expired. Please sign in again.');
    await expect(page.getByTestId('current-user')).toHaveCount(0);
    expect(await page.evaluate(() => sessionStorage.getItem('derm.session'))).toBeNull();
  });
});
