import { calendarDayIn } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { appointmentRow, badge, bookOverRest, expect, riversideOverRest, startThreadOverRest, test } from './fixtures';

/**
 * What staff type is shown as typed, whatever it holds: markup stays text, and a long word or a
 * line of another script never widens a page until its buttons leave the window.
 */

const LAPTOP = { width: 1280, height: 800 };
/** Looks like markup; run as markup it would set `window.__injected`. */
const MARKUP = '<img src=x onerror="window.__injected=1"><b>bold</b>';
const LONG_WORD = 'Dermatopathology'.repeat(12);
const RIGHT_TO_LEFT = 'المريض يحتاج إلى متابعة عاجلة';

/** Nothing scrolls sideways: neither the page nor a part of it (a table hiding its last buttons). */
async function expectNothingScrollsSideways(page: Page): Promise<void> {
  const wider = await page.evaluate(() =>
    [document.scrollingElement!, ...Array.from(document.querySelectorAll<HTMLElement>('body *'))]
      .filter(
        (element) =>
          element === document.scrollingElement || ['auto', 'scroll'].includes(getComputedStyle(element).overflowX),
      )
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map((element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`),
  );
  expect(wider).toEqual([]);
}

async function expectNoMarkupRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  await expect(page.locator('main img[src="x"], main b:text("bold")')).toHaveCount(0);
}

test.use({ viewport: LAPTOP });

test('a long cancellation reason with markup and right-to-left text leaves every row’s buttons on screen', async ({
  api,
  signIn,
}) => {
  const [frontDesk] = await riversideOverRest(api.url, 'frontdesk');
  const today = calendarDayIn(new Date(), 'America/New_York');
  const cancelled = await bookOverRest(frontDesk!, today, '23:00');
  const next = await bookOverRest(frontDesk!, today, '23:30');
  const reason = `${MARKUP} ${RIGHT_TO_LEFT} ${LONG_WORD} 🩺 ${'late '.repeat(90)}`.slice(0, 500);
  expect((await frontDesk!.rest.post(`/api/appointments/${cancelled.id}/cancel`, { reason })).status).toBeLessThan(300);

  const page = await signIn('nurse@riverside.test');
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await expect(appointmentRow(page, cancelled.id).getByTestId('appointment-cancel-reason-shown')).toHaveText(
    reason.trim(),
  );
  await expectNoMarkupRan(page);
  await expectNothingScrollsSideways(page);
  // Further down the day, but never beside the window.
  const cancel = appointmentRow(page, next.id).getByTestId('appointment-cancel');
  await cancel.scrollIntoViewIfNeeded();
  await expect(cancel).toBeInViewport();
  const box = (await cancel.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(LAPTOP.width);
});

test('a conversation named with a long word, markup and right-to-left text keeps Leave and its messages in the window', async ({
  api,
  signIn,
}) => {
  const [nurse, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const subject = `${MARKUP} ${LONG_WORD} ${RIGHT_TO_LEFT}`.slice(0, 200);
  const thread = await startThreadOverRest(provider!, [nurse!], { subject });
  await provider!.rest.post(`/api/threads/${thread.id}/messages`, { body: `${MARKUP} ${RIGHT_TO_LEFT} 👩‍⚕️` });

  const page = await signIn('nurse@riverside.test');
  await page.goto(`/messages/${thread.id}`);
  await expect(page.getByTestId('conversation-subject')).toHaveText(subject);
  await expect(page.getByTestId('message-body')).toHaveText(`${MARKUP} ${RIGHT_TO_LEFT} 👩‍⚕️`);
  await expectNoMarkupRan(page);
  await expectNothingScrollsSideways(page);
  await expect(page.getByTestId('leave-conversation')).toBeInViewport();
  await expect(page.getByTestId('composer-send')).toBeInViewport();
});

test('a patient search that fails says so at the booking form, never that no patient matches', async ({ signIn }) => {
  const page = await signIn('frontdesk@riverside.test');
  const search = page.getByTestId('new-appointment-patient-search');
  const hint = page.getByTestId('new-appointment-patient-hint');

  await search.fill('Blake (Jr)');
  await expect(hint).toHaveText(/^Could not search the patients: .*letters, digits, spaces/);

  await page.route(/\/api\/patients\?.*q=Blake/, (route) => route.abort('connectionreset'));
  await search.fill('Blake');
  await expect(hint).toHaveText('Could not search the patients: the server cannot be reached.');
  await page.unroute(/\/api\/patients\?.*q=Blake/);
  await search.fill('Jordan Blake');
  await expect(hint).toHaveText('');
  await expect(page.getByTestId('new-appointment-patient').locator('option', { hasText: 'Jordan Blake' })).toHaveCount(
    1,
  );
});
