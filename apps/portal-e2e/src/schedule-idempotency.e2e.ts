import { Page } from '@playwright/test';
import { addDays, AppointmentSummary, calendarDayIn, IDEMPOTENCY_KEY_HEADER } from '@derm/shared/contracts';
import { appointmentRow, bookAppointment, expect, restAs, test } from './fixtures';

const BOOK = /\/api\/appointments$/;
const CHECK_IN = /\/api\/appointments\/[^/]+\/check-in$/;

/** The idempotency keys of the POSTs the tab sent to `url`, in order. */
function sentKeys(page: Page, url: RegExp): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && url.test(request.url())) {
      keys.push(request.headers()[IDEMPOTENCY_KEY_HEADER.toLowerCase()] ?? '');
    }
  });
  return keys;
}

/** Riverside's bookings on `day` starting at `startsAt`, as the API has them. */
async function storedAt(url: string, day: string, startsAt: string): Promise<AppointmentSummary[]> {
  const { rest } = await restAs(url, 'nurse@riverside.test');
  return (await rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body.filter(
    (a) => a.startsAt === startsAt,
  );
}

test('a double click on Book sends the booking once and stores one appointment', async ({ api, signIn }) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  const tomorrow = addDays(calendarDayIn(new Date(), 'America/New_York'), 1);
  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-date')).toHaveValue(tomorrow);
  const keys = sentKeys(frontDesk, BOOK);

  const form = frontDesk.getByTestId('new-appointment-form');
  await form.getByTestId('new-appointment-patient').selectOption({ index: 1 });
  await form.getByTestId('new-appointment-provider').selectOption({ index: 1 });
  await form.getByTestId('new-appointment-time').fill('23:20');
  const created = frontDesk.waitForResponse(
    (response) => BOOK.test(response.url()) && response.request().method() === 'POST',
  );
  await form.getByTestId('new-appointment-submit').dblclick();
  const booked = (await (await created).json()) as AppointmentSummary;

  await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'scheduled');
  await expect(form.getByTestId('new-appointment-submit')).toHaveText('Book appointment');
  await expect(frontDesk.getByTestId('new-appointment-error')).toHaveCount(0);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(await storedAt(api.url, tomorrow, booked.startsAt)).toEqual([booked]);
  await expect(frontDesk.getByTestId('appointment-row').filter({ hasText: '23:20' })).toHaveCount(1);
});

test('a booking whose answer is lost is sent again with the same key and stored once', async ({ api, signIn }) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  const keys = sentKeys(frontDesk, BOOK);
  // The first attempt reaches the API, which stores the booking; its answer never reaches the tab.
  let answered = 0;
  await frontDesk.route(BOOK, async (route) => {
    if (route.request().method() === 'POST' && answered++ === 0) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });

  const booked = await bookAppointment(frontDesk, '22:50');
  await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'scheduled');
  await expect(frontDesk.getByTestId('new-appointment-error')).toHaveCount(0);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const today = calendarDayIn(new Date(booked.startsAt), 'America/New_York');
  expect(await storedAt(api.url, today, booked.startsAt)).toEqual([booked]);
});

test('a check-in whose answer is lost is retried under its key: checked in once, no "already checked in"', async ({
  signIn,
}) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const booked = await bookAppointment(frontDesk, '22:10');
  await expect(appointmentRow(nurse, booked.id)).toHaveAttribute('data-status', 'scheduled');
  const keys = sentKeys(frontDesk, CHECK_IN);
  let attempts = 0;
  await frontDesk.route(CHECK_IN, async (route) => {
    if (attempts++ === 0) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });

  // Only the retry has an answer: the first attempt's is cut.
  const retried = frontDesk.waitForResponse((response) => CHECK_IN.test(response.url()));
  await appointmentRow(frontDesk, booked.id).getByTestId('appointment-check-in').click();
  await expect(appointmentRow(nurse, booked.id)).toHaveAttribute('data-status', 'checked-in');
  // Without the key the retry would be refused as a second check-in (409) and shown as an error.
  expect((await retried).status()).toBe(200);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'checked-in');
  await expect(frontDesk.getByTestId('schedule-error')).toHaveCount(0);
});
