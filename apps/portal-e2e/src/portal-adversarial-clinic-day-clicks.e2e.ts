import { calendarDayIn } from '@derm/shared/contracts';
import { Locator, Page } from '@playwright/test';
import { appointmentRow, badge, bookOverRest, expect, riversideOverRest, test } from './fixtures';

/**
 * Many people double-click every button. The second click of a double click on Cancel or Move
 * lands on what took the button's place, Keep, and must not close the question it just opened.
 */

/** Its second click lands where the button was, once what the first opened has taken its place. */
async function doubleClickAsAPerson(page: Page, button: Locator, opened: Locator): Promise<void> {
  // A box is only measured on screen: wait for the row's button (the schedule loads, or re-renders after Keep).
  await expect(button).toBeVisible();
  const box = (await button.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(opened).toBeVisible();
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
}

test.use({ viewport: { width: 1280, height: 800 } });

test('a double click on Cancel or Move leaves its question open', async ({ api, signIn }) => {
  const [frontDesk] = await riversideOverRest(api.url, 'frontdesk');
  const visit = await bookOverRest(frontDesk!, calendarDayIn(new Date(), 'America/New_York'), '23:20');
  const page = await signIn('nurse@riverside.test');
  // A schedule first loaded before the socket was live loads again once it is, drawing its rows anew:
  // a box measured before that would be gone.
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await expect(page.getByRole('region', { name: 'Appointments' })).toHaveAttribute('aria-busy', 'false');
  const row = appointmentRow(page, visit.id);

  for (const [button, opened] of [
    ['appointment-cancel', 'appointment-cancel-confirm'],
    ['appointment-move', 'appointment-move-save'],
  ]) {
    await doubleClickAsAPerson(page, row.getByTestId(button!), row.getByTestId(opened!));
    await expect(row.getByTestId(opened!)).toBeVisible();
    await row.getByRole('button', { name: 'Keep' }).click();
  }
  // Whatever the row's layout put under the second click (Keep, or Confirm), nothing was decided.
  await expect(row).toHaveAttribute('data-status', 'scheduled');
  await expect(row).toContainText('23:20');
});
