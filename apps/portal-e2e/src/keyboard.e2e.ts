import {
  AlertSummary,
  AppointmentSummary,
  calendarDayIn,
  ChatMessage,
  NotificationList,
  StaffMember,
  ThreadSummary,
  zonedTime,
} from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { byTestId, focusedTestId, tabTo } from './accessibility';
import { appointmentRow, badge, bookOverRest, DEMO_PASSWORD, expect, restAs, test as base } from './fixtures';

/**
 * Keyboard only: no click, no mouse. Each control is reached with Tab, as it would be without a
 * mouse, so a control that cannot take focus fails the test.
 */
const test = base.extend<{ keyboardSignIn: (email: string) => Promise<Page> }>({
  keyboardSignIn: async ({ browser, api }, use) => {
    const context = await browser.newContext({ baseURL: api.url });
    await use(async (email) => {
      const page = await context.newPage();
      await page.goto('/login');
      await tabTo(page, byTestId('login-email'));
      await page.keyboard.type(email);
      await tabTo(page, byTestId('login-password'));
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/schedule$/);
      await expect(badge(page)).toHaveAttribute('data-state', 'connected');
      return page;
    });
    await context.close();
  },
});

/** Riverside books and lists on its own calendar (the demo seed puts it in New York). */
const RIVERSIDE_ZONE = 'America/New_York';
const today = () => calendarDayIn(new Date(), RIVERSIDE_ZONE);

test('the skip link is the first stop and moves focus past the header to the page', async ({ keyboardSignIn }) => {
  const page = await keyboardSignIn('frontdesk@riverside.test');
  await page.reload();
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await page.keyboard.press('Tab');
  expect(await focusedTestId(page)).toBe('skip-link');
  await expect(page.getByTestId('skip-link')).toBeInViewport();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  await expect(page).toHaveURL(/\/schedule$/);
  // The next stop is on the page, not in the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('at 360 px, a page chosen from the Menu with the keyboard takes the focus, and Escape closes the Menu onto its button', async ({
  keyboardSignIn,
}) => {
  const page = await keyboardSignIn('frontdesk@riverside.test');
  await page.setViewportSize({ width: 360, height: 740 });
  const toggle = page.getByTestId('nav-toggle');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();

  await tabTo(page, byTestId('nav-toggle'));
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Schedule' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Patients' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/patients$/);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  // The focus is on the page, as "Skip to content" puts it, not lost to the body: the next Tab is in it.
  await expect(page.locator('main#main')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

  // Back to the Menu with Shift+Tab; Escape folds it and leaves the focus on its button.
  for (let presses = 0; presses < 40 && !(await toggle.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Schedule' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(page).toHaveURL(/\/patients$/);
});

test('booking an appointment with the keyboard alone: the clinic has it, the other clinic does not', async ({
  api,
  keyboardSignIn,
}) => {
  const page = await keyboardSignIn('frontdesk@riverside.test');
  await tabTo(page, byTestId('new-appointment-patient'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, byTestId('new-appointment-provider'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, byTestId('new-appointment-time'));
  // Chromium's time field here is 12-hour: hours, minutes, then AM/PM.
  await page.keyboard.type('1110P');
  await expect(page.getByTestId('new-appointment-time')).toHaveValue('23:10');
  await tabTo(page, byTestId('new-appointment-submit'));
  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/appointments') && response.request().method() === 'POST',
  );
  await page.keyboard.press('Enter');
  // Late in New York's evening 23:10 has gone by: the question takes the focus, Enter confirms.
  if (zonedTime(today(), '23:10', RIVERSIDE_ZONE) <= new Date()) {
    await expect(page.getByTestId('new-appointment-confirm-past')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  const response = await created;
  expect(response.status()).toBe(201);
  const booking = (await response.json()) as AppointmentSummary;
  expect(booking.startsAt).toBe(zonedTime(today(), '23:10', RIVERSIDE_ZONE).toISOString());
  await expect(appointmentRow(page, booking.id)).toBeVisible();
  // The button pressed kept the focus while it was booking: the next booking starts from it.
  await expect(page.getByTestId('new-appointment-submit')).toBeFocused();

  const nurse = await restAs(api.url, 'nurse@riverside.test');
  const otherClinic = await restAs(api.url, 'frontdesk@lakeside.test');
  const ids = async (staff: typeof nurse) =>
    (await staff.rest.get<AppointmentSummary[]>(`/api/appointments?date=${today()}`)).body.map((item) => item.id);
  expect(await ids(nurse)).toContain(booking.id);
  expect(await ids(otherClinic)).not.toContain(booking.id);
});

test('sending a message with the keyboard alone: it reaches the colleague, not the other clinic', async ({
  api,
  keyboardSignIn,
}) => {
  const provider = await restAs(api.url, 'provider@riverside.test');
  const nurseId = (await provider.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  const thread = (
    await provider.rest.post<ThreadSummary>('/api/threads', { participantIds: [nurseId], subject: 'Keyboard' })
  ).body;

  const page = await keyboardSignIn('provider@riverside.test');
  await tabTo(page, byTestId('nav-messages'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/messages$/);
  await tabTo(page, `[data-testid="thread-item"][data-thread-id="${thread.id}"]`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/messages/${thread.id}$`));
  await tabTo(page, byTestId('composer-input'));
  await page.keyboard.type('Sent without a mouse');
  const posted = page.waitForResponse(
    (response) =>
      response.url().endsWith(`/api/threads/${thread.id}/messages`) && response.request().method() === 'POST',
  );
  await page.keyboard.press('Enter');
  const response = await posted;
  expect(response.status()).toBe(201);
  const sent = (await response.json()) as ChatMessage;
  await expect(page.locator(`[data-testid="message"][data-message-id="${sent.id}"]`)).toBeVisible();

  const nurse = await restAs(api.url, 'nurse@riverside.test');
  const bodies = (await nurse.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`)).body.map((m) => m.body);
  expect(bodies).toContain('Sent without a mouse');
  const otherClinic = await restAs(api.url, 'nurse@lakeside.test');
  const refused = await otherClinic.rest.get<unknown>(`/api/threads/${thread.id}/messages`);
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(JSON.stringify(refused.body)).not.toContain('Sent without a mouse');
});

test('acknowledging an urgent alert with the keyboard alone: focus starts on Acknowledge, Enter does it', async ({
  api,
  keyboardSignIn,
}) => {
  const page = await keyboardSignIn('nurse@riverside.test');
  const admin = await restAs(api.url, 'admin@riverside.test');
  const nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  const sent = await admin.rest.post<AlertSummary>('/api/alerts', {
    title: 'Room 1 needs help',
    to: { userIds: [nurseId] },
  });
  expect(sent.status).toBe(201);

  const modal = page.getByTestId('urgent-alert-modal');
  await expect(modal).toBeVisible();
  await expect.poll(() => focusedTestId(page)).toBe('urgent-alert-ack');
  // Acknowledge acts a moment after the alert is shown, not on a keystroke already under way.
  await expect(modal.getByTestId('urgent-alert-ack')).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(modal).toBeHidden();

  await expect
    .poll(
      async () =>
        (await admin.rest.get<AlertSummary>(`/api/alerts/${sent.body.id}`)).body.recipients[0]?.acknowledgedAt,
    )
    .toBeTruthy();
  // Only the nurse was alerted: a colleague's inbox has nothing of it.
  const provider = await restAs(api.url, 'provider@riverside.test');
  const inbox = (await provider.rest.get<NotificationList>('/api/notifications')).body.items.map((item) => item.title);
  expect(inbox).not.toContain('Room 1 needs help');
});

test('moving, cancelling and keeping a visit with the keyboard alone: each question takes the focus and gives it back', async ({
  api,
  keyboardSignIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const moved = await bookOverRest(frontDesk, today(), '21:20');
  const cancelled = await bookOverRest(frontDesk, today(), '22:40');
  const page = await keyboardSignIn('frontdesk@riverside.test');
  const inRow = (visit: AppointmentSummary, testId: string) =>
    `[data-appointment-id="${visit.id}"] ${byTestId(testId)}`;

  // Move: the new time takes the focus, and once moved the row's Move has it again.
  await tabTo(page, inRow(moved, 'appointment-move'), 80);
  await page.keyboard.press('Enter');
  await expect(page.locator(inRow(moved, 'appointment-move-time'))).toBeFocused();
  // Chromium's time field here is 12-hour: hours, minutes, then AM/PM.
  await page.keyboard.type('1005P');
  await tabTo(page, inRow(moved, 'appointment-move-save'));
  const patched = page.waitForResponse(
    (response) => response.url().endsWith(`/api/appointments/${moved.id}`) && response.request().method() === 'PATCH',
  );
  await page.keyboard.press('Enter');
  // Late in New York's evening 22:05 has gone by: the question takes the focus, Enter confirms.
  if (zonedTime(today(), '22:05', RIVERSIDE_ZONE) <= new Date()) {
    await expect(page.locator(inRow(moved, 'appointment-move-confirm-past'))).toBeFocused();
    await page.keyboard.press('Enter');
  }
  expect((await patched).status()).toBe(200);
  await expect(page.locator(inRow(moved, 'appointment-move'))).toBeFocused();

  // Cancel, then Keep: the reason takes the focus, and Keep gives it back to the row's Cancel.
  await page.keyboard.press('Tab');
  await expect(page.locator(inRow(moved, 'appointment-cancel'))).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(inRow(moved, 'appointment-cancel-reason'))).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.locator(`[data-appointment-id="${moved.id}"]`).getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(inRow(moved, 'appointment-cancel'))).toBeFocused();

  // Cancel with a reason typed where the focus lands, then Confirm.
  await tabTo(page, inRow(cancelled, 'appointment-cancel'));
  await page.keyboard.press('Enter');
  await expect(page.locator(inRow(cancelled, 'appointment-cancel-reason'))).toBeFocused();
  await page.keyboard.type('Rang to cancel');
  await page.keyboard.press('Tab');
  await expect(page.locator(inRow(cancelled, 'appointment-cancel-confirm'))).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(appointmentRow(page, cancelled.id)).toHaveAttribute('data-status', 'cancelled');
  // Its buttons are gone: the row's status has the focus, not the page's body.
  await expect(page.locator(inRow(cancelled, 'appointment-status'))).toBeFocused();

  const stored = (await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${today()}`)).body;
  const byId = (visit: AppointmentSummary) => stored.find((item) => item.id === visit.id);
  expect(byId(moved)).toMatchObject({
    status: 'scheduled',
    startsAt: zonedTime(today(), '22:05', RIVERSIDE_ZONE).toISOString(),
  });
  expect(byId(cancelled)).toMatchObject({ status: 'cancelled', cancelReason: 'Rang to cancel' });
  const otherClinic = await restAs(api.url, 'frontdesk@lakeside.test');
  for (const visit of [moved, cancelled]) {
    expect((await otherClinic.rest.get(`/api/appointments/${visit.id}`)).status).toBe(404);
  }
});

test('Enter and Escape in the schedule’s questions: Enter answers, Escape steps back to the button that asked, and nothing is sent that was not meant', async ({
  api,
  keyboardSignIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const kept = await bookOverRest(frontDesk, today(), '21:20');
  const moved = await bookOverRest(frontDesk, today(), '21:40');
  const cancelled = await bookOverRest(frontDesk, today(), '23:40');
  const page = await keyboardSignIn('frontdesk@riverside.test');
  const inRow = (visit: AppointmentSummary, testId: string) =>
    page.locator(`[data-appointment-id="${visit.id}"] ${byTestId(testId)}`);
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/appointments'))
      writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });

  // Move to a time gone by: Escape leaves the question for the time, then the form for the row's Move.
  await tabTo(page, `[data-appointment-id="${kept.id}"] ${byTestId('appointment-move')}`, 80);
  await page.keyboard.press('Enter');
  await expect(inRow(kept, 'appointment-move-time')).toBeFocused();
  // Chromium's time field here is 12-hour: hours, minutes, then AM/PM.
  await page.keyboard.type('1205A');
  await page.keyboard.press('Enter');
  await expect(inRow(kept, 'appointment-move-confirm-past')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(inRow(kept, 'appointment-move-time')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(inRow(kept, 'appointment-move')).toBeFocused();

  // Escape in Cancel's reason keeps the visit; the row's Cancel has the focus again.
  await page.keyboard.press('Tab');
  await expect(inRow(kept, 'appointment-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(inRow(kept, 'appointment-cancel-reason')).toBeFocused();
  await page.keyboard.type('wrong visit');
  await page.keyboard.press('Escape');
  await expect(inRow(kept, 'appointment-cancel')).toBeFocused();

  // Enter in Move's time field moves, once.
  await tabTo(page, `[data-appointment-id="${moved.id}"] ${byTestId('appointment-move')}`);
  await page.keyboard.press('Enter');
  await expect(inRow(moved, 'appointment-move-time')).toBeFocused();
  await page.keyboard.type('1100P');
  const patched = page.waitForResponse(
    (response) => response.url().endsWith(`/api/appointments/${moved.id}`) && response.request().method() === 'PATCH',
  );
  await page.keyboard.press('Enter');
  // Late in New York's evening 23:00 has gone by: the question takes the focus, Enter confirms.
  if (zonedTime(today(), '23:00', RIVERSIDE_ZONE) <= new Date()) {
    await expect(inRow(moved, 'appointment-move-confirm-past')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  expect((await patched).status()).toBe(200);
  await expect(inRow(moved, 'appointment-move')).toBeFocused();

  // Enter in Cancel's reason confirms it.
  await tabTo(page, `[data-appointment-id="${cancelled.id}"] ${byTestId('appointment-cancel')}`);
  await page.keyboard.press('Enter');
  await expect(inRow(cancelled, 'appointment-cancel-reason')).toBeFocused();
  await page.keyboard.type('Rang to cancel');
  await page.keyboard.press('Enter');
  await expect(appointmentRow(page, cancelled.id)).toHaveAttribute('data-status', 'cancelled');
  await expect(inRow(cancelled, 'appointment-status')).toBeFocused();

  // Booking at a time gone by: Escape leaves the question for the time it was about.
  await tabTo(page, byTestId('new-appointment-patient'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, byTestId('new-appointment-provider'));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, byTestId('new-appointment-time'));
  await page.keyboard.type('1205A');
  await tabTo(page, byTestId('new-appointment-submit'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('new-appointment-confirm-past')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('new-appointment-past')).toHaveCount(0);
  await expect(page.getByTestId('new-appointment-time')).toBeFocused();

  expect(writes).toEqual([`PATCH /api/appointments/${moved.id}`, `POST /api/appointments/${cancelled.id}/cancel`]);
  const stored = (await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${today()}`)).body;
  const byId = (visit: AppointmentSummary) => stored.find((item) => item.id === visit.id);
  expect(byId(kept)).toMatchObject({ status: 'scheduled', startsAt: kept.startsAt, version: kept.version });
  expect(byId(moved)).toMatchObject({ startsAt: zonedTime(today(), '23:00', RIVERSIDE_ZONE).toISOString() });
  expect(byId(cancelled)).toMatchObject({ status: 'cancelled', cancelReason: 'Rang to cancel' });
  const past = zonedTime(today(), '00:05', RIVERSIDE_ZONE).toISOString();
  expect(stored.filter((visit) => visit.startsAt === past)).toEqual([]);
  const otherClinic = await restAs(api.url, 'frontdesk@lakeside.test');
  for (const visit of [kept, moved, cancelled]) {
    expect((await otherClinic.rest.get(`/api/appointments/${visit.id}`)).status).toBe(404);
  }
});

test('checking in and completing a visit with the keyboard alone: each done leaves the focus on the row, not the page', async ({
  api,
  keyboardSignIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const visit = await bookOverRest(frontDesk, today(), '23:20');
  const page = await keyboardSignIn('nurse@riverside.test');
  const inRow = (testId: string) => page.locator(`[data-appointment-id="${visit.id}"] ${byTestId(testId)}`);

  await tabTo(page, `[data-appointment-id="${visit.id}"] ${byTestId('appointment-check-in')}`, 80);
  await page.keyboard.press('Enter');
  await expect(appointmentRow(page, visit.id)).toHaveAttribute('data-status', 'checked-in');
  // Check in made way for Complete: the status says what happened, and the next Tab reaches Complete.
  await expect(inRow('appointment-status')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(inRow('appointment-complete')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(appointmentRow(page, visit.id)).toHaveAttribute('data-status', 'completed');
  await expect(inRow('appointment-status')).toBeFocused();

  const stored = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${today()}`);
  expect(stored.body.find((item) => item.id === visit.id)?.status).toBe('completed');
});
