import { AppointmentSummary, ChatMessage } from '@derm/shared/contracts';
import { Page, Request, Route } from '@playwright/test';
import { expect, restAs, riversideOverRest, signInOnPage, startThreadOverRest, test } from './fixtures';

/**
 * A write whose answer is lost is sent again a moment later (see `retryLost`). On a shared
 * computer the person who made it may have signed out meanwhile, and someone else signed in: the
 * write is still theirs, never made in the next person's name.
 */

/** Every request to `url` with `method`, and the first one held by the test until it lets it fail. */
async function holdFirst(page: Page, method: string, url: RegExp): Promise<{ sent: Request[]; held: Promise<Route> }> {
  const sent: Request[] = [];
  let hold!: (route: Route) => void;
  const held = new Promise<Route>((resolve) => (hold = resolve));
  await page.route(url, (route) => {
    if (route.request().method() !== method) return route.continue();
    sent.push(route.request());
    return sent.length === 1 ? hold(route) : route.continue();
  });
  return { sent, held };
}

/**
 * The nurse's write is on its way when she signs out and the front desk signs in; then its answer
 * is lost, and the moments a retry would be sent pass.
 */
async function nurseLeavesBeforeTheAnswerIsLost(page: Page, held: Promise<Route>): Promise<void> {
  const route = await held;
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await signInOnPage(page, 'frontdesk@riverside.test');
  await route.abort('connectionreset');
  await page.clock.runFor(5_000);
  // A request made before this one is answered has been sent by then.
  await page.evaluate(() => fetch('/health/ready').then((response) => response.ok));
}

test.beforeEach(async ({ page }) => {
  await page.clock.install();
  await page.goto('/login');
  await signInOnPage(page, 'nurse@riverside.test');
});

test('a message whose answer was lost is not sent again in the name of the colleague who signed in after', async ({
  api,
  page,
}) => {
  const [nurse, frontDesk, provider] = await riversideOverRest(api.url, 'nurse', 'frontdesk', 'provider');
  const room = await startThreadOverRest(nurse, [frontDesk, provider], { subject: 'Room 4' });
  const posts = await holdFirst(page, 'POST', /\/api\/threads\/[^/]+\/messages$/);
  await page.goto(`/messages/${room.id}`);
  await page.getByTestId('composer-input').fill('Biopsy kit is ready');
  await page.getByTestId('composer-send').click();

  await nurseLeavesBeforeTheAnswerIsLost(page, posts.held);

  expect(posts.sent).toHaveLength(1);
  const stored = (await frontDesk.rest.get<ChatMessage[]>(`/api/threads/${room.id}/messages`)).body;
  expect(stored.filter((message) => message.body === 'Biopsy kit is ready')).toEqual([]);
  await expect(page.getByTestId('current-user')).toHaveText('Felix Park');
});

test('a booking whose answer was lost is not made again in the name of the colleague who signed in after', async ({
  api,
  page,
}) => {
  const { rest } = await restAs(api.url, 'frontdesk@riverside.test');
  const day = await page.getByTestId('schedule-date').inputValue();
  const booked = async () => (await rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body.length;
  const before = await booked();
  const bookings = await holdFirst(page, 'POST', /\/api\/appointments$/);
  const form = page.getByTestId('new-appointment-form');
  await form.getByTestId('new-appointment-patient').selectOption({ index: 1 });
  await form.getByTestId('new-appointment-provider').selectOption({ index: 1 });
  await form.getByTestId('new-appointment-time').fill('12:40');
  await form.getByTestId('new-appointment-submit').click();
  // A time gone by on the clinic's clock is asked about first.
  const confirmed = form
    .getByTestId('new-appointment-confirm-past')
    .click()
    .catch(() => undefined);
  await Promise.race([bookings.held, confirmed]);

  await nurseLeavesBeforeTheAnswerIsLost(page, bookings.held);

  expect(bookings.sent).toHaveLength(1);
  expect(await booked()).toBe(before);
});
