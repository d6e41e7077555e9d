import { addDays, AppointmentSummary, calendarDayIn, zonedTime } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import {
  appointmentRow,
  badge,
  bookOverRest,
  delayAnswers,
  expect,
  restAs,
  signInOnPage,
  submitBooking,
  test,
} from './fixtures';

const BOOK = /\/api\/appointments$/;
const CHECK_IN = /\/api\/appointments\/[^/]+\/check-in$/;
const riversideToday = () => calendarDayIn(new Date(), 'America/New_York');

/** Cuts every check-in the tab sends until the returned function is called. */
async function unreachableCheckIns(page: Page): Promise<() => Promise<void>> {
  await page.route(CHECK_IN, (route) => route.abort('connectionrefused'));
  return () => page.unroute(CHECK_IN);
}

/** Presses the row's Check in while the server cannot be reached, and waits for the page to say so. */
async function failCheckIn(page: Page, visit: AppointmentSummary): Promise<() => Promise<void>> {
  const reachable = await unreachableCheckIns(page);
  await appointmentRow(page, visit.id).getByTestId('appointment-check-in').click();
  await expect(page.getByTestId('schedule-error')).toContainText('Could not check in: the server cannot be reached.');
  return reachable;
}

/**
 * Keeps the tab from hearing `event` while its socket stays up, as when an event is lost on its
 * way; returns how many it kept back. Set before the page connects.
 */
async function missEvents(page: Page, event: string): Promise<() => number> {
  let missed = 0;
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    server.onMessage((message) => {
      if (typeof message === 'string' && message.includes(`"${event}"`)) missed += 1;
      else socket.send(message);
    });
  });
  return () => missed;
}

test('a failed action’s error goes once the person acts again, and is not carried to another day', async ({
  api,
  signIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const first = await bookOverRest(frontDesk, riversideToday(), '23:20');
  const second = await bookOverRest(frontDesk, riversideToday(), '23:40');
  const nurse = await signIn('nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');

  // Pressed again once the server is back, the check-in goes through: "Could not check in" would now be untrue.
  const reachable = await failCheckIn(nurse, first);
  await reachable();
  await appointmentRow(nurse, first.id).getByTestId('appointment-check-in').click();
  await expect(appointmentRow(nurse, first.id)).toHaveAttribute('data-status', 'checked-in');
  await expect(nurse.getByTestId('schedule-error')).toHaveCount(0);

  // Another day shows that day's schedule, without the failure of an action on today's.
  const reachableAgain = await failCheckIn(nurse, second);
  await reachableAgain();
  await nurse.getByRole('button', { name: 'Next day' }).click();
  await expect(nurse.getByTestId('schedule-summary')).not.toContainText('loading');
  await expect(nurse.getByTestId('schedule-error')).toHaveCount(0);

  const stored = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riversideToday()}`);
  expect(stored.body.find((visit) => visit.id === first.id)?.status).toBe('checked-in');
  expect(stored.body.find((visit) => visit.id === second.id)?.status).toBe('scheduled');
  // Another clinic's staff reads neither visit.
  const lakeside = await restAs(api.url, 'frontdesk@lakeside.test');
  for (const visit of [first, second]) {
    expect((await lakeside.rest.get(`/api/appointments/${visit.id}`)).status).toBe(404);
  }
});

test('a failed action’s error goes once a move or a booking of the page is answered', async ({ api, signIn }) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const first = await bookOverRest(frontDesk, riversideToday(), '23:00');
  const second = await bookOverRest(frontDesk, riversideToday(), '23:20');
  const desk = await signIn('frontdesk@riverside.test');
  await expect(badge(desk)).toHaveAttribute('data-state', 'connected');

  // "Could not check in" stood above the schedule after the next thing the front desk did, a move, had worked.
  const reachable = await failCheckIn(desk, first);
  await reachable();
  const moved = appointmentRow(desk, second.id);
  await moved.getByTestId('appointment-move').click();
  await moved.getByTestId('appointment-move-time').fill('21:40');
  await moved.getByTestId('appointment-move-save').click();
  await expect(moved).toContainText('21:40–22:00');
  await expect(desk.getByTestId('schedule-error')).toHaveCount(0);

  // The same for a booking.
  const reachableAgain = await failCheckIn(desk, first);
  await reachableAgain();
  const booked = desk.waitForResponse((response) => BOOK.test(response.url()) && response.status() === 201);
  await submitBooking(desk, '22:20');
  await booked;
  await expect(desk.getByTestId('schedule-error')).toHaveCount(0);
  await expect(appointmentRow(desk, first.id)).toHaveAttribute('data-status', 'scheduled');
});

test('a booking sent without its patient, provider or time says which is missing and books nothing', async ({
  signIn,
}) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  const booked: string[] = [];
  frontDesk.on('request', (request) => {
    if (BOOK.test(request.url()) && request.method() === 'POST') booked.push(request.url());
  });
  // Tomorrow, where no time has gone by yet.
  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  const form = frontDesk.getByTestId('new-appointment-form');
  const book = form.getByTestId('new-appointment-submit');
  const error = form.getByTestId('new-appointment-error');
  await expect(book).toHaveText('Book appointment');

  const patient = form.getByTestId('new-appointment-patient');
  const provider = form.getByTestId('new-appointment-provider');
  const time = form.getByTestId('new-appointment-time');
  /** The keyboard lands on the field to fix, which is marked and described by the message until filled in. */
  const expectToFix = async (field: typeof patient) => {
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAttribute('aria-describedby', 'new-appointment-error');
  };

  await book.click();
  await expect(error).toHaveText('Choose the patient.');
  await expectToFix(patient);
  await expect(provider).toHaveAttribute('aria-invalid', 'true');
  await expect(provider).not.toHaveAttribute('aria-describedby');
  await patient.selectOption({ index: 1 });
  await expect(patient).not.toHaveAttribute('aria-invalid');
  await book.click();
  await expect(error).toHaveText('Choose the provider.');
  await expectToFix(provider);
  await provider.selectOption({ index: 1 });
  await expect(provider).not.toHaveAttribute('aria-invalid');
  await time.fill('');
  await book.click();
  await expect(error).toHaveText('Give a start time.');
  await expectToFix(time);
  expect(booked).toEqual([]);

  const answered = frontDesk.waitForResponse((response) => BOOK.test(response.url()));
  await time.fill('21:35');
  await expect(time).not.toHaveAttribute('aria-invalid');
  await book.click();
  expect((await answered).status()).toBe(201);
  await expect(error).toHaveCount(0);
});

test('a booking’s error goes when another day is shown, and nothing was booked', async ({ api, signIn }) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected');
  await frontDesk.route(BOOK, (route) => route.abort('connectionrefused'));

  const form = await submitBooking(frontDesk, '23:50');
  const confirmPast = form.getByTestId('new-appointment-confirm-past');
  // Late in New York's evening 23:50 may have gone by: the form asks first.
  await expect(confirmPast.or(form.getByTestId('new-appointment-error'))).toBeVisible();
  if (await confirmPast.isVisible()) await confirmPast.click();
  await expect(form.getByTestId('new-appointment-error')).toHaveText(
    'Could not book the appointment: the server cannot be reached.',
  );

  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  await expect(form.getByTestId('new-appointment-error')).toHaveCount(0);
  // Back on the day of the failed booking, the error is not brought back either.
  await frontDesk.getByRole('button', { name: 'Previous day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  await expect(form.getByTestId('new-appointment-error')).toHaveCount(0);

  await frontDesk.unroute(BOOK);
  const startsAt = zonedTime(riversideToday(), '23:50', 'America/New_York').toISOString();
  for (const email of ['frontdesk@riverside.test', 'frontdesk@lakeside.test']) {
    const staff = await restAs(api.url, email);
    const listed = await staff.rest.get<AppointmentSummary[]>(`/api/appointments?date=${riversideToday()}`);
    expect(listed.body.filter((visit) => visit.startsAt === startsAt)).toEqual([]);
  }
});

test('a booking refused only after another day is shown leaves that day’s form without the refusal', async ({
  api,
  signIn,
}) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected');
  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  // A colleague's booking of the provider the form picks is in the way of tomorrow at 15:00.
  const form = frontDesk.getByTestId('new-appointment-form');
  const providerId = await form.getByTestId('new-appointment-provider').locator('option').nth(1).getAttribute('value');
  const tomorrow = addDays(riversideToday(), 1);
  const desk = await restAs(api.url, 'frontdesk@riverside.test');
  const inTheWay = await bookOverRest(desk, tomorrow, '15:00', { providerId: providerId ?? '' });
  const booking = await delayAnswers(frontDesk, BOOK, 'POST');

  await submitBooking(frontDesk, '15:00');
  await expect.poll(() => booking.answers.map((answer) => answer.status())).toEqual([409]);
  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  await expect(form.getByTestId('new-appointment-submit')).toHaveText('Booking…');

  booking.release();
  // The refusal has reached the form (it is booking no more), and was about the day left.
  await expect(form.getByTestId('new-appointment-submit')).toHaveText('Book appointment');
  await expect(form.getByTestId('new-appointment-error')).toHaveCount(0);

  const listed = await desk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${tomorrow}`);
  expect(listed.body.filter((visit) => visit.startsAt === inTheWay.startsAt)).toEqual([inTheWay]);
  const lakeside = await restAs(api.url, 'frontdesk@lakeside.test');
  expect((await lakeside.rest.get(`/api/appointments/${inTheWay.id}`)).status).toBe(404);
});

test('the question about a time gone by goes when another day is shown, so "anyway" books nothing there', async ({
  api,
  signIn,
}) => {
  const frontDesk = await signIn('frontdesk@riverside.test');
  await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected');
  const posts: string[] = [];
  frontDesk.on('request', (request) => {
    if (request.method() === 'POST' && BOOK.test(request.url())) posts.push(request.url());
  });

  await frontDesk.getByRole('button', { name: 'Previous day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  const form = await submitBooking(frontDesk, '16:00');
  await expect(form.getByTestId('new-appointment-past')).toBeVisible();

  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-summary')).not.toContainText('loading');
  await expect(form.getByTestId('new-appointment-past')).toHaveCount(0);
  await expect(form.getByTestId('new-appointment-submit')).toHaveText('Book appointment');
  expect(posts).toEqual([]);

  const today = riversideToday();
  const yesterday = calendarDayIn(new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000), 'UTC');
  for (const email of ['frontdesk@riverside.test', 'frontdesk@lakeside.test']) {
    const staff = await restAs(api.url, email);
    for (const day of [yesterday, today]) {
      const startsAt = zonedTime(day, '16:00', 'America/New_York').toISOString();
      const listed = await staff.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`);
      expect(listed.body.filter((visit) => visit.startsAt === startsAt)).toEqual([]);
    }
  }
});

test('Check in on a visit a colleague checked in unheard by this tab says so, and the row shows it checked in', async ({
  api,
  browser,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const visit = await bookOverRest(frontDesk, riversideToday(), '23:20');
  const context = await browser.newContext({ baseURL: api.url });
  const nurse = await context.newPage();
  const missed = await missEvents(nurse, 'appointment:checked-in');
  await nurse.goto('/login');
  await signInOnPage(nurse, 'nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  // Today shown again while the socket is live: no catch-up load of the sign-in is left to show the
  // check-in below, only the event the tab misses could.
  await nurse.getByRole('button', { name: 'Next day' }).click();
  await expect(nurse.getByTestId('schedule-summary')).not.toContainText('loading');
  await nurse.getByRole('button', { name: 'Today' }).click();
  await expect(nurse.getByTestId('schedule-summary')).not.toContainText('loading');
  const row = appointmentRow(nurse, visit.id);
  await expect(row).toHaveAttribute('data-status', 'scheduled');

  expect((await frontDesk.rest.post(`/api/appointments/${visit.id}/check-in`)).status).toBe(200);
  await expect.poll(missed).toBe(1);
  await expect(row).toHaveAttribute('data-status', 'scheduled');

  // The refusal brings the visit as it is now: the row no longer offers a check-in done already.
  await row.getByTestId('appointment-check-in').click();
  await expect(nurse.getByTestId('schedule-error')).toContainText(
    'Could not check in: A checked-in appointment cannot be checked in',
  );
  await expect(row).toHaveAttribute('data-status', 'checked-in');
  await expect(row.getByTestId('appointment-check-in')).toHaveCount(0);
  await context.close();
});
