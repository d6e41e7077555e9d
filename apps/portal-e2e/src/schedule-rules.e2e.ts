import { addDays, AppointmentSummary, calendarDayIn } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { appointmentRow, badge, bookOverRest, expect, restAs, submitBooking, test } from './fixtures';

const NEW_YORK = 'America/New_York';

/**
 * How the schedule names the provider's booking in the way of a refused one: in its own words, on
 * the clinic's clock, with no date in ISO form and no id.
 */
function inTheWay(visit: AppointmentSummary): string {
  const onClock = (instant: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-US', {
      ...options,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: NEW_YORK,
    }).format(new Date(instant));
  const when = `${onClock(visit.startsAt, { month: 'short', day: 'numeric' })}–${onClock(visit.endsAt, {})}`;
  return `${visit.providerName} is already booked ${when} with ${visit.patientName}.`;
}

const riversideToday = () => calendarDayIn(new Date(), NEW_YORK);

/** Shows `days` from today with ‹ or ›, once the page is live. */
async function showDay(page: Page, days: number): Promise<void> {
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  const button = page.getByRole('button', { name: days < 0 ? 'Previous day' : 'Next day' });
  for (let i = 0; i < Math.abs(days); i++) await button.click();
  await expect(page.getByTestId('schedule-date')).toHaveValue(addDays(riversideToday(), days));
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
}

test.describe('schedule: the visit’s end, moves and the booking rules', () => {
  test('a provider completes a checked-in visit and the front desk sees it live; the front desk is offered no Complete', async ({
    api,
    signIn,
  }) => {
    const frontDesk = await signIn('frontdesk@riverside.test');
    const provider = await signIn('provider@riverside.test');
    const booked = await bookOverRest(await restAs(api.url, 'frontdesk@riverside.test'), riversideToday(), '18:20');
    await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected');

    await appointmentRow(frontDesk, booked.id).getByTestId('appointment-check-in').click();
    await expect(appointmentRow(provider, booked.id)).toHaveAttribute('data-status', 'checked-in');
    await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'checked-in');
    await expect(appointmentRow(frontDesk, booked.id).getByTestId('appointment-complete')).toHaveCount(0);

    await appointmentRow(provider, booked.id).getByTestId('appointment-complete').click();
    await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'completed');
    await expect(appointmentRow(frontDesk, booked.id).getByTestId('appointment-status')).toHaveText('Completed');
    await expect(appointmentRow(provider, booked.id).getByRole('button')).toHaveCount(0);
  });

  test('the front desk marks yesterday’s missed visit a no-show and the nurse sees it live; the provider is offered none', async ({
    api,
    signIn,
  }) => {
    const booked = await bookOverRest(
      await restAs(api.url, 'frontdesk@riverside.test'),
      addDays(riversideToday(), -1),
      '10:20',
    );
    const frontDesk = await signIn('frontdesk@riverside.test');
    const nurse = await signIn('nurse@riverside.test');
    const provider = await signIn('provider@riverside.test');
    for (const page of [frontDesk, nurse, provider]) await showDay(page, -1);

    await expect(appointmentRow(provider, booked.id)).toBeVisible();
    await expect(appointmentRow(provider, booked.id).getByTestId('appointment-no-show')).toHaveCount(0);
    // Not its day: there is nothing to check in.
    await expect(appointmentRow(frontDesk, booked.id).getByTestId('appointment-check-in')).toHaveCount(0);

    await appointmentRow(frontDesk, booked.id).getByTestId('appointment-no-show').click();
    await expect(appointmentRow(nurse, booked.id)).toHaveAttribute('data-status', 'no-show');
    await expect(appointmentRow(provider, booked.id).getByTestId('appointment-status')).toHaveText('No-show');
  });

  test('a visit due in a moment is offered no No-show until its start, then the front desk marks it', async ({
    api,
    signIn,
  }) => {
    const desk = await restAs(api.url, 'frontdesk@riverside.test');
    // Long enough for the page to load and show the row first.
    const startsAt = new Date(Date.now() + 40_000);
    const endsAt = new Date(startsAt.getTime() + 5 * 60_000);
    const day = calendarDayIn(startsAt, NEW_YORK);
    // The demo clinic books its provider through the day: clear whatever overlaps this visit.
    const booked = (await desk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${day}`)).body;
    for (const other of booked.filter((item) => item.status === 'scheduled')) {
      if (Date.parse(other.startsAt) < endsAt.getTime() && Date.parse(other.endsAt) > startsAt.getTime()) {
        expect((await desk.rest.post(`/api/appointments/${other.id}/cancel`, {})).status).toBe(200);
      }
    }
    const due = await bookOverRest(desk, day, '00:00', {
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
    const frontDesk = await signIn('frontdesk@riverside.test');
    if (day !== riversideToday()) await showDay(frontDesk, 1);

    const row = appointmentRow(frontDesk, due.id);
    await expect(row.getByTestId('appointment-move')).toBeVisible();
    await expect(row.getByTestId('appointment-no-show')).toHaveCount(0);
    expect(Date.now()).toBeLessThan(startsAt.getTime());

    await expect(row.getByTestId('appointment-no-show')).toBeVisible({ timeout: 60_000 });
    await row.getByTestId('appointment-no-show').click();
    await expect(row).toHaveAttribute('data-status', 'no-show');
  });

  test('a move reaches the nurse live, and the cancel reason shows on the row', async ({ api, signIn }) => {
    const desk = await restAs(api.url, 'frontdesk@riverside.test');
    const tomorrow = addDays(riversideToday(), 1);
    const booked = await bookOverRest(desk, tomorrow, '15:00');
    const other = await bookOverRest(desk, tomorrow, '17:00');
    const frontDesk = await signIn('frontdesk@riverside.test');
    const nurse = await signIn('nurse@riverside.test');
    for (const page of [frontDesk, nurse]) await showDay(page, 1);

    const row = appointmentRow(frontDesk, booked.id);
    await row.getByTestId('appointment-move').click();
    // The move form's controls name the visit, as the row's buttons did.
    const visit = `${booked.patientName} 15:00–15:20`;
    await frontDesk.getByLabel(`New start time for ${visit}`, { exact: true }).fill('16:40');
    await expect(frontDesk.getByRole('button', { name: `Keep ${visit}`, exact: true })).toBeVisible();
    await frontDesk.getByRole('button', { name: `Move ${visit}`, exact: true }).click();
    await expect(appointmentRow(nurse, booked.id)).toContainText('16:40');
    await expect(appointmentRow(frontDesk, booked.id)).toContainText('16:40');

    // Onto the other booking's time: refused, naming it, and nothing moves.
    await row.getByTestId('appointment-move').click();
    await row.getByTestId('appointment-move-time').fill('17:10');
    await row.getByTestId('appointment-move-save').click();
    await expect(row.getByTestId('appointment-move-error')).toHaveText(
      `Could not move the appointment: ${inTheWay(other)}`,
    );
    await expect(appointmentRow(nurse, booked.id)).toContainText('16:40');

    const otherRow = appointmentRow(frontDesk, other.id);
    await otherRow.getByTestId('appointment-cancel').click();
    await otherRow.getByTestId('appointment-cancel-reason').fill('Patient has the flu');
    await otherRow.getByTestId('appointment-cancel-confirm').click();
    await expect(appointmentRow(nurse, other.id)).toHaveAttribute('data-status', 'cancelled');
    await expect(appointmentRow(nurse, other.id).getByTestId('appointment-cancel-reason-shown')).toHaveText(
      'Patient has the flu',
    );
  });

  test('a booking in the past is asked about before anything is sent; an overlap is refused naming the booking in the way', async ({
    signIn,
  }) => {
    const frontDesk = await signIn('frontdesk@riverside.test');
    await showDay(frontDesk, -1);
    const posts: string[] = [];
    frontDesk.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/appointments'))
        posts.push(request.postData() ?? '');
    });

    const form = await submitBooking(frontDesk, '16:00');
    await expect(form.getByTestId('new-appointment-past')).toBeVisible();
    // Its buttons name the booking they answer for, and are described by the question.
    const chosen = (testId: string) => form.getByTestId(testId).locator('option:checked').textContent();
    // The patient's option reads "name · date of birth · MRN".
    const patient = (await chosen('new-appointment-patient'))?.split(' · ')[0].trim();
    const booking = `the booking of ${patient} at 16:00 with ${(await chosen('new-appointment-provider'))?.trim()}`;
    const bookAnyway = form.getByRole('button', { name: `Book anyway, ${booking}`, exact: true });
    await expect(bookAnyway).toBeFocused();
    await expect(bookAnyway).toHaveAccessibleDescription(/Book it anyway\?/);
    await form.getByRole('button', { name: `Change the time of ${booking}`, exact: true }).click();
    await expect(form.getByTestId('new-appointment-past')).toHaveCount(0);
    expect(posts).toEqual([]);

    await form.getByTestId('new-appointment-submit').click();
    const created = frontDesk.waitForResponse(
      (r) => r.url().endsWith('/api/appointments') && r.request().method() === 'POST',
    );
    await form.getByTestId('new-appointment-confirm-past').click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(JSON.parse(posts[0]!)).toMatchObject({ confirmPast: true });
    const booked = (await response.json()) as AppointmentSummary;
    await expect(appointmentRow(frontDesk, booked.id)).toBeVisible();

    // The same patient and provider again at 16:10: the first booking is in the way.
    await form.getByTestId('new-appointment-patient').selectOption({ index: 1 });
    await form.getByTestId('new-appointment-time').fill('16:10');
    await form.getByTestId('new-appointment-submit').click();
    const refused = frontDesk.waitForResponse(
      (r) => r.url().endsWith('/api/appointments') && r.request().method() === 'POST',
    );
    await form.getByTestId('new-appointment-confirm-past').click();
    expect((await refused).status()).toBe(409);
    await expect(form.getByTestId('new-appointment-error')).toHaveText(
      `Could not book the appointment: ${inTheWay(booked)}`,
    );
    await expect(frontDesk.getByTestId('appointment-row')).toHaveCount(1);
  });
});

test('a slow load for another day shows a placeholder, never the previous day’s rows and their buttons', async ({
  api,
  signIn,
}) => {
  const yesterday = addDays(riversideToday(), -1);
  const earlier = await bookOverRest(await restAs(api.url, 'frontdesk@riverside.test'), yesterday, '11:00');
  const frontDesk = await signIn('frontdesk@riverside.test');
  await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected');
  await expect(frontDesk.getByTestId('appointment-row').first()).toBeVisible();
  const todayIds = await frontDesk
    .getByTestId('appointment-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-appointment-id')));
  expect(todayIds.length).toBeGreaterThan(0);

  // Yesterday's answer waits until the test lets it through.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await frontDesk.route(
    (url) => url.pathname === '/api/appointments' && url.searchParams.get('date') === yesterday,
    async (route) => {
      held = true;
      await released;
      await route.continue();
    },
  );

  await frontDesk.getByRole('button', { name: 'Previous day' }).click();
  await expect.poll(() => held).toBe(true);
  await expect(frontDesk.getByTestId('loading-placeholder')).toBeVisible();
  await expect(frontDesk.getByTestId('appointment-row')).toHaveCount(0);
  await expect(frontDesk.getByTestId('appointment-check-in')).toHaveCount(0);
  await expect(frontDesk.getByTestId('schedule-summary')).toContainText('loading…');
  await expect(frontDesk.getByRole('region', { name: 'Appointments' })).toHaveAttribute('aria-busy', 'true');

  release();
  await expect(appointmentRow(frontDesk, earlier.id)).toBeVisible();
  await expect(frontDesk.getByTestId('loading-placeholder')).toHaveCount(0);
  for (const id of todayIds) await expect(appointmentRow(frontDesk, id!)).toHaveCount(0);
});
