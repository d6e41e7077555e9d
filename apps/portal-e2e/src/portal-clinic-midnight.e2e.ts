import { addDays, calendarDayIn, CalendarDay, zonedTime } from '@derm/shared/contracts';
import { ApiServer, startApiServer } from '@derm/shared/test-client';
import { Browser, Page } from '@playwright/test';
import { appointmentRow, bookOverRest, expect, restAs, signInOnPage, test } from './fixtures';

/**
 * A page left open across the clinic's midnight moves on to the clinic's next day by itself: the
 * schedule, its Check in buttons (the API checks in on the visit's day only) and a chart's visits.
 */

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const MINUTE_MS = 60_000;

/** The first day, from the clinic's today on, whose 23:58 is still to come. */
function eveningIn(timeZone: string): { day: CalendarDay; at: Date } {
  const now = new Date();
  let day = calendarDayIn(now, timeZone);
  if (zonedTime(day, '23:58', timeZone) <= now) day = addDays(day, 1);
  return { day, at: zonedTime(day, '23:58', timeZone) };
}

/** A browser in Sydney whose clock starts at `time` and runs on, signed in as `email`. */
async function openAt(browser: Browser, api: ApiServer, email: string, time: Date): Promise<Page> {
  const context = await browser.newContext({ baseURL: api.url, timezoneId: 'Australia/Sydney' });
  const page = await context.newPage();
  await page.clock.install({ time });
  await page.goto('/login');
  await signInOnPage(page, email);
  return page;
}

function checkIn(page: Page, appointmentId: string) {
  return appointmentRow(page, appointmentId).getByTestId('appointment-check-in');
}

test.describe('the clinic’s midnight', () => {
  let api: ApiServer;
  // Tokens that outlive the browsers' clocks moved ahead by up to a day and six hours.
  test.beforeEach(async () => {
    api = await startApiServer({ env: { JWT_TTL: '36h', SESSION_MAX_AGE: '36h' } });
  });
  test.afterEach(async () => {
    await api.dispose();
  });

  test('a schedule and a chart left open move to the next day at New York’s midnight', async ({ browser }) => {
    const { day, at } = eveningIn(NEW_YORK);
    const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
    const tonight = await bookOverRest(frontDesk, day, '07:00');
    const tomorrow = await bookOverRest(frontDesk, addDays(day, 1), '07:00');

    const desk = await openAt(browser, api, 'frontdesk@riverside.test', at);
    await expect(desk.getByTestId('schedule-date')).toHaveValue(day);
    await expect(checkIn(desk, tonight.id)).toBeVisible();
    await expect(desk.getByRole('button', { name: 'Today' })).toBeDisabled();

    const nurse = await openAt(browser, api, 'nurse@riverside.test', at);
    await nurse.goto(`/patients/${tonight.patientId}`);
    const visit = (id: string) => nurse.locator(`[data-testid="patient-visit"][data-appointment-id="${id}"]`);
    await expect(visit(tonight.id)).toBeVisible();
    await expect(visit(tomorrow.id)).toBeVisible();

    // Three minutes on: 00:01 in New York.
    await desk.clock.fastForward(3 * MINUTE_MS);
    await nurse.clock.fastForward(3 * MINUTE_MS);
    await expect(desk.getByTestId('schedule-date')).toHaveValue(addDays(day, 1));
    await expect(appointmentRow(desk, tonight.id)).toHaveCount(0);
    await expect(checkIn(desk, tomorrow.id)).toBeVisible();
    await expect(desk.getByRole('button', { name: 'Today' })).toBeDisabled();
    await expect(visit(tonight.id)).toHaveCount(0);
    await expect(visit(tomorrow.id)).toBeVisible();
  });

  test('a colleague’s page in Berlin moves at Berlin’s midnight, and New York’s at its own', async ({ browser }) => {
    const { day: berlinDay, at } = eveningIn(BERLIN);
    const newYorkDay = calendarDayIn(at, NEW_YORK);
    const newYorkMidnight = zonedTime(addDays(newYorkDay, 1), '00:00', NEW_YORK);
    const lakesideDesk = await restAs(api.url, 'frontdesk@lakeside.test');
    const startsAt = zonedTime(addDays(berlinDay, 1), '09:00', BERLIN);
    const berlinTomorrow = await bookOverRest(lakesideDesk, addDays(berlinDay, 1), '09:00', {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 20 * MINUTE_MS).toISOString(),
    });

    const lakeside = await openAt(browser, api, 'frontdesk@lakeside.test', at);
    const riverside = await openAt(browser, api, 'frontdesk@riverside.test', at);
    await expect(lakeside.getByTestId('schedule-date')).toHaveValue(berlinDay);
    await expect(riverside.getByTestId('schedule-date')).toHaveValue(newYorkDay);

    // 00:01 in Berlin, still the evening in New York.
    await lakeside.clock.fastForward(3 * MINUTE_MS);
    await riverside.clock.fastForward(3 * MINUTE_MS);
    await expect(lakeside.getByTestId('schedule-date')).toHaveValue(addDays(berlinDay, 1));
    await expect(checkIn(lakeside, berlinTomorrow.id)).toBeVisible();
    await expect(riverside.getByTestId('schedule-date')).toHaveValue(newYorkDay);

    // On to a minute past New York's midnight.
    await riverside.clock.fastForward(newYorkMidnight.getTime() + MINUTE_MS - (at.getTime() + 3 * MINUTE_MS));
    await expect(riverside.getByTestId('schedule-date')).toHaveValue(addDays(newYorkDay, 1));
    await expect(riverside.getByRole('button', { name: 'Today' })).toBeDisabled();
  });
});
