import {
  addDays,
  AppointmentSummary,
  calendarDayIn,
  PatientSummary,
  StaffMember,
  zonedTime,
} from '@derm/shared/contracts';
import { ApiServer, startApiServer } from '@derm/shared/test-client';
import { Browser, Page } from '@playwright/test';
import { appointmentRow, bookAppointment, expect, restAs, RestStaff, signInOnPage, test } from './fixtures';

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';

/** "Tuesday, December 1, 2026" for a calendar day, as the schedule's heading writes it. */
function longDay(day: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', dateStyle: 'full' }).format(new Date(`${day}T12:00:00Z`));
}

/** A browser in `timezoneId`, signed in as `email`; `now` fixes the browser's clock first. */
async function signInFrom(
  browser: Browser,
  api: ApiServer,
  email: string,
  timezoneId: string,
  now?: Date,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: api.url, timezoneId });
  const page = await context.newPage();
  if (now) await page.clock.setFixedTime(now);
  await page.goto('/login');
  await signInOnPage(page, email);
  return page;
}

async function book(staff: RestStaff, startsAt: Date): Promise<AppointmentSummary> {
  const patient = (await staff.rest.get<PatientSummary[]>('/api/patients')).body[0];
  const provider = (await staff.rest.get<StaffMember[]>('/api/staff')).body.find((s) => s.role === 'provider')!;
  const response = await staff.rest.post<AppointmentSummary>('/api/appointments', {
    patientId: patient.id,
    providerId: provider.id,
    type: 'consultation',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
    confirmPast: true,
  });
  expect(response.status).toBe(201);
  return response.body;
}

const times = (page: Page) => page.getByTestId('appointment-row').locator('td.time');

test.describe('the clinic’s time zone', () => {
  test('a browser in Sydney shows and books Riverside’s day and times in New York time', async ({ browser, api }) => {
    const desk = await signInFrom(browser, api, 'frontdesk@riverside.test', 'Australia/Sydney');
    const today = calendarDayIn(new Date(), NEW_YORK);
    await expect(desk.getByTestId('schedule-summary')).toContainText(longDay(today));
    await expect(desk.getByTestId('schedule-date')).toHaveValue(today);
    await expect(desk.getByTestId('schedule-time-heading')).toHaveText('Time (New York)');
    await expect(desk.getByTestId('clinic-time-zone')).toHaveText('Times in New York time');
    // The demo schedule, at office hours on the clinic's clock.
    await expect(times(desk)).toHaveText(['09:00–09:30', '10:00–10:30', '11:00–11:45', '14:00–14:30']);

    await expect(desk.getByTestId('new-appointment-time-label')).toHaveText('Start (New York time)');
    const booked = await bookAppointment(desk, '16:45');
    expect(booked.startsAt).toBe(zonedTime(today, '16:45', NEW_YORK).toISOString());
    await expect(appointmentRow(desk, booked.id).locator('td.time')).toHaveText('16:45–17:15');

    // Lakeside, seen from Los Angeles: Berlin's day and hours, and nothing of Riverside's.
    const lakeside = await signInFrom(browser, api, 'frontdesk@lakeside.test', 'America/Los_Angeles');
    const berlinToday = calendarDayIn(new Date(), BERLIN);
    await expect(lakeside.getByTestId('schedule-date')).toHaveValue(berlinToday);
    await expect(lakeside.getByTestId('schedule-time-heading')).toHaveText('Time (Berlin)');
    await expect(times(lakeside)).toHaveText(['09:00–09:30', '11:00–11:30', '15:00–15:45']);
    await expect(appointmentRow(lakeside, booked.id)).toHaveCount(0);
  });

  test('at 20:30 in New York, "today" is still New York’s day, though UTC and Sydney are on the next', async ({
    browser,
  }) => {
    // Tokens that outlive the browser's clock moved ahead by up to a day.
    const api = await startApiServer({ env: { JWT_TTL: '36h', SESSION_MAX_AGE: '36h' } });
    try {
      const now = new Date();
      let day = calendarDayIn(now, NEW_YORK);
      if (zonedTime(day, '20:30', NEW_YORK) <= now) day = addDays(day, 1);
      const evening = zonedTime(day, '20:30', NEW_YORK);
      expect(calendarDayIn(evening, 'UTC')).toBe(addDays(day, 1));

      const provider = await restAs(api.url, 'provider@riverside.test');
      const late = await book(provider, zonedTime(day, '19:15', NEW_YORK));
      const desk = await signInFrom(browser, api, 'frontdesk@riverside.test', 'Australia/Sydney', evening);

      await expect(desk.getByTestId('schedule-date')).toHaveValue(day);
      await expect(desk.getByTestId('schedule-summary')).toContainText(longDay(day));
      await expect(desk.getByRole('button', { name: 'Today' })).toBeDisabled();
      await expect(appointmentRow(desk, late.id).locator('td.time')).toHaveText('19:15–19:45');

      await desk.getByRole('button', { name: 'Next day' }).click();
      await expect(desk.getByTestId('schedule-date')).toHaveValue(addDays(day, 1));
      await expect(appointmentRow(desk, late.id)).toHaveCount(0);
      await desk.getByRole('button', { name: 'Today' }).click();
      await expect(desk.getByTestId('schedule-date')).toHaveValue(day);
      await expect(appointmentRow(desk, late.id)).toBeVisible();
      await desk.context().close();
    } finally {
      await api.dispose();
    }
  });

  test('a browser in the clinic’s own zone shows no zone label', async ({ browser, api }) => {
    const desk = await signInFrom(browser, api, 'frontdesk@riverside.test', NEW_YORK);
    await expect(desk.getByTestId('schedule-time-heading')).toHaveText('Time');
    await expect(desk.getByTestId('new-appointment-time-label')).toHaveText('Start');
    await expect(desk.getByTestId('clinic-time-zone')).toHaveCount(0);
  });
});
