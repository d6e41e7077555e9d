import { Locator, Page } from '@playwright/test';
import { addDays, AppointmentSummary, calendarDayIn, zonedTime } from '@derm/shared/contracts';
import {
  appointmentRow,
  badge,
  bookOverRest,
  delayAnswers,
  DelayedAnswers,
  expect,
  restAs,
  RestStaff,
  submitBooking,
  test,
} from './fixtures';

const NEW_YORK = 'America/New_York';
const tomorrow = () => addDays(calendarDayIn(new Date(), NEW_YORK), 1);

async function showTomorrow(page: Page): Promise<void> {
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByTestId('schedule-date')).toHaveValue(tomorrow());
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
}

/** Riverside's front desk books tomorrow at 15:00 over REST, then shows tomorrow's schedule in a tab. */
async function frontDeskBookedTomorrow(
  url: string,
  signIn: (email: string) => Promise<Page>,
): Promise<{ desk: RestStaff; booked: AppointmentSummary; frontDesk: Page }> {
  const desk = await restAs(url, 'frontdesk@riverside.test');
  const booked = await bookOverRest(desk, tomorrow(), '15:00');
  const frontDesk = await signIn('frontdesk@riverside.test');
  await showTomorrow(frontDesk);
  return { desk, booked, frontDesk };
}

test('two people move one appointment from forms opened together: the second is told, and the first move stands', async ({
  api,
  signIn,
}) => {
  const { desk, booked, frontDesk } = await frontDeskBookedTomorrow(api.url, signIn);
  const nurse = await signIn('nurse@riverside.test');
  await showTomorrow(nurse);
  for (const page of [frontDesk, nurse]) {
    await appointmentRow(page, booked.id).getByTestId('appointment-move').click();
  }

  const first = appointmentRow(frontDesk, booked.id);
  await first.getByTestId('appointment-move-time').fill('16:00');
  await first.getByTestId('appointment-move-save').click();
  // The nurse's row hears the move while the nurse's form stays open on what it showed.
  const second = appointmentRow(nurse, booked.id);
  await expect(second).toContainText('16:00–16:20');

  const refused = nurse.waitForResponse((response) => response.url().endsWith(`/api/appointments/${booked.id}`));
  await second.getByTestId('appointment-move-time').fill('16:40');
  await second.getByTestId('appointment-move-save').click();
  expect((await refused).status()).toBe(412);
  await expect(second.getByTestId('appointment-move-changed')).toContainText(
    'Someone else changed this appointment meanwhile',
  );
  await expect(second.getByTestId('appointment-move-changed')).toContainText('16:00');
  for (const page of [frontDesk, nurse]) await expect(appointmentRow(page, booked.id)).toContainText('16:00–16:20');
  const stored = async () =>
    (await desk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${tomorrow()}`)).body.find(
      (a) => a.id === booked.id,
    );
  expect(await stored()).toMatchObject({ startsAt: new Date(Date.parse(booked.startsAt) + 3_600_000).toISOString() });

  // Having seen the first move, the nurse decides again: now the move goes through, on the new version.
  // Move and Keep name the visit as it is now, and are described by what changed.
  const visitNow = `${booked.patientName} 16:00–16:20`;
  await expect(nurse.getByRole('button', { name: `Keep ${visitNow}`, exact: true })).toHaveAccessibleDescription(
    /Someone else changed this appointment meanwhile/,
  );
  const moveAgain = nurse.getByRole('button', { name: `Move ${visitNow}`, exact: true });
  await expect(moveAgain).toHaveAccessibleDescription(/Someone else changed this appointment meanwhile/);
  await moveAgain.click();
  for (const page of [frontDesk, nurse]) await expect(appointmentRow(page, booked.id)).toContainText('16:40–17:00');
  expect(await stored()).toMatchObject({ version: 3 });
});

test('a move answered only after a colleague cancelled the moved visit leaves it cancelled on the mover’s schedule', async ({
  api,
  signIn,
}) => {
  const { desk, booked, frontDesk } = await frontDeskBookedTomorrow(api.url, signIn);
  // The move reaches the API at once; its answer reaches the tab only when the test lets it.
  const move = await delayAnswers(frontDesk, `**/api/appointments/${booked.id}`, 'PATCH');

  const row = appointmentRow(frontDesk, booked.id);
  await row.getByTestId('appointment-move').click();
  await row.getByTestId('appointment-move-time').fill('16:00');
  await row.getByTestId('appointment-move-save').click();
  // The move's own event arrives before its answer; then the nurse cancels the visit where it now is.
  await expect(row).toContainText('16:00–16:20');
  const nurse = await restAs(api.url, 'nurse@riverside.test');
  expect((await nurse.rest.post(`/api/appointments/${booked.id}/cancel`, { reason: 'Patient rang' })).status).toBe(200);
  await expect(row).toHaveAttribute('data-status', 'cancelled');

  move.release();
  // The answer closes the form; the visit it names (version 2) is older than the cancellation (3).
  await expect(row.getByTestId('appointment-move-time')).toHaveCount(0);
  await expect(row).toHaveAttribute('data-status', 'cancelled');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(row.getByTestId('appointment-cancel-reason-shown')).toHaveText('Patient rang');

  const stored = (await desk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${tomorrow()}`)).body;
  expect(stored.find((a) => a.id === booked.id)).toMatchObject({ status: 'cancelled', version: 3 });
  const otherClinic = await restAs(api.url, 'frontdesk@lakeside.test');
  expect((await otherClinic.rest.get(`/api/appointments/${booked.id}`)).status).toBe(404);
});

/**
 * Riverside's front desk books tomorrow at 15:00 on its schedule, whose answer the tab gets only
 * at `booking.release()`; the booking's own event shows it (version 1). Then the nurse moves it
 * to the day after (version 2), and the front desk's schedule hears it leave.
 */
async function bookingHeldWhileMovedAway(
  url: string,
  signIn: (email: string) => Promise<Page>,
): Promise<{
  frontDesk: Page;
  booking: DelayedAnswers;
  form: Locator;
  booked: AppointmentSummary;
  nurse: RestStaff;
  later: Date;
}> {
  const frontDesk = await signIn('frontdesk@riverside.test');
  await showTomorrow(frontDesk);
  const booking = await delayAnswers(frontDesk, /\/api\/appointments$/, 'POST');
  const form = await submitBooking(frontDesk, '15:00');
  await expect.poll(() => booking.answers.map((answer) => answer.status())).toEqual([201]);
  const booked = (await booking.answers[0]!.json()) as AppointmentSummary;
  const row = appointmentRow(frontDesk, booked.id);
  await expect(row).toHaveAttribute('data-status', 'scheduled');

  const nurse = await restAs(url, 'nurse@riverside.test');
  const later = zonedTime(addDays(tomorrow(), 1), '15:00', NEW_YORK);
  const length = Date.parse(booked.endsAt) - Date.parse(booked.startsAt);
  const moved = await nurse.rest.patch<AppointmentSummary>(`/api/appointments/${booked.id}`, {
    startsAt: later.toISOString(),
    endsAt: new Date(later.getTime() + length).toISOString(),
  });
  expect(moved.body).toMatchObject({ version: 2, startsAt: later.toISOString() });
  await expect(row).toHaveCount(0);
  return { frontDesk, booking, form, booked, nurse, later };
}

test('a booking answered only after a colleague moved the new visit to another day leaves it off the day shown', async ({
  api,
  signIn,
}) => {
  const { frontDesk, booking, form, booked, nurse, later } = await bookingHeldWhileMovedAway(api.url, signIn);
  const row = appointmentRow(frontDesk, booked.id);

  booking.release();
  // The answer has reached the form (it is booking no more); the visit it names (version 1) has left the day.
  await expect(form.getByTestId('new-appointment-submit')).toHaveText('Book appointment');
  await expect(row).toHaveCount(0);

  const stored = async (day: string) =>
    (await nurse.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body.filter(
      (a) => a.id === booked.id,
    );
  expect(await stored(tomorrow())).toEqual([]);
  expect(await stored(addDays(tomorrow(), 1))).toMatchObject([{ version: 2, startsAt: later.toISOString() }]);
  const otherClinic = await restAs(api.url, 'frontdesk@lakeside.test');
  expect((await otherClinic.rest.get(`/api/appointments/${booked.id}`)).status).toBe(404);
});

test('a booking answered only after its visit left the day and the day was loaded again leaves it off the day', async ({
  api,
  signIn,
}) => {
  const { frontDesk, booking, form, booked } = await bookingHeldWhileMovedAway(api.url, signIn);
  const row = appointmentRow(frontDesk, booked.id);

  // The day loads again (today, then back): its list no longer has the visit at all.
  const reloaded = frontDesk.waitForResponse(
    (response) => response.url().includes(`/api/appointments?date=${tomorrow()}`) && response.ok(),
  );
  await frontDesk.getByRole('button', { name: 'Previous day' }).click();
  await expect(frontDesk.getByTestId('loading-placeholder')).toHaveCount(0);
  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-date')).toHaveValue(tomorrow());
  expect(((await (await reloaded).json()) as AppointmentSummary[]).map((a) => a.id)).not.toContain(booked.id);
  await expect(frontDesk.getByTestId('loading-placeholder')).toHaveCount(0);

  booking.release();
  // The answer has reached the form; the visit it names (version 1) is older than the move the schedule saw.
  await expect(form.getByTestId('new-appointment-submit')).toHaveText('Book appointment');
  await expect(row).toHaveCount(0);

  // The day after shows it, at the nurse's time; Lakeside cannot see it.
  await frontDesk.getByRole('button', { name: 'Next day' }).click();
  await expect(frontDesk.getByTestId('schedule-date')).toHaveValue(addDays(tomorrow(), 1));
  await expect(row).toContainText('15:00');
  const otherClinic = await restAs(api.url, 'frontdesk@lakeside.test');
  expect((await otherClinic.rest.get(`/api/appointments/${booked.id}`)).status).toBe(404);
});
