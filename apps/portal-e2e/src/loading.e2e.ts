import { AlertSummary, calendarDayIn, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
import { Locator, Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import {
  appointmentRow,
  badge,
  bookOverRest,
  expect,
  expectNotReloaded,
  markDocument,
  restAs,
  signInOnPage,
  test,
} from './fixtures';

/**
 * Every page, while the REST answer for a new view is held back by the test: a placeholder
 * (accessible, `role="status"` inside an `aria-busy` region) stands in for the data, the previous
 * view's data and buttons are gone, and the data comes once the answer is let through.
 */

/** Answers (or sockets) the test holds back from the tab. */
interface HeldAnswers {
  /** Waits until the page has asked, or tried to connect (and is waiting). */
  reached(): Promise<void>;
  /** Lets what is held, and everything later, through. */
  release(): void;
}

async function holdAnswers(page: Page, matches: (url: URL) => boolean): Promise<HeldAnswers> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(matches, async (route) => {
    held += 1;
    await released;
    await route.continue();
  });
  return { reached: () => expect.poll(() => held).toBeGreaterThan(0), release };
}

/** Holds back the tab's socket connections (a page opened now cannot go live) until `release()`. */
async function holdSockets(page: Page): Promise<HeldAnswers> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.routeWebSocket(/\/socket\.io\//, async (socket) => {
    held += 1;
    await released;
    socket.connectToServer();
  });
  return { reached: () => expect.poll(() => held).toBeGreaterThan(0), release };
}

/** An in-app navigation, as the browser's back and forward buttons make: the page's component stays and gets a new route parameter. */
async function navigateInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

/** Tags a component's element, so that a later check can tell it is the same instance. */
async function markComponent(component: Locator): Promise<void> {
  await component.evaluate((element) => element.setAttribute('data-e2e-instance', 'kept'));
}

/** The placeholder named `label` is on screen, in a busy region, and the page passes axe-core. */
async function expectPlaceholder(page: Page, label: string): Promise<void> {
  const placeholder = page.getByTestId('loading-placeholder').filter({ hasText: label });
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toHaveAttribute('role', 'status');
  await expect(page.locator('[aria-busy="true"]').filter({ has: placeholder })).toHaveCount(1);
  await expectAccessible(page, label);
}

const byId = (page: Page, testId: string, attribute: string, id: string) =>
  page.locator(`[data-testid="${testId}"][data-${attribute}="${id}"]`);

test('messages: the list, and switching threads never shows the previous thread’s messages; a reply sent meanwhile waits for them', async ({
  api,
  signIn,
}) => {
  const admin = await restAs(api.url, 'admin@riverside.test');
  const staff = (await admin.rest.get<StaffMember[]>('/api/staff')).body;
  const nurseId = staff.find((member) => member.role === 'nurse')!.id;
  const first = (await admin.rest.post<ThreadSummary>('/api/threads', { participantIds: [nurseId], subject: 'Room 2' }))
    .body;
  expect((await admin.rest.post(`/api/threads/${first.id}/messages`, { body: 'Is room 2 ready?' })).status).toBe(201);
  const second = (
    await admin.rest.post<ThreadSummary>('/api/threads', { participantIds: [nurseId], subject: 'Lab run' })
  ).body;
  expect(
    (await admin.rest.post(`/api/threads/${second.id}/messages`, { body: 'The lab courier is late.' })).status,
  ).toBe(201);

  const nurse = await signIn('nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await markDocument(nurse);

  const list = await holdAnswers(nurse, (url) => url.pathname === '/api/threads');
  await nurse.getByTestId('nav-messages').click();
  await list.reached();
  await expectPlaceholder(nurse, 'Loading the conversations…');
  await expect(nurse.getByTestId('thread-item')).toHaveCount(0);
  list.release();
  await expect(byId(nurse, 'thread-item', 'thread-id', first.id)).toBeVisible();
  await expect(byId(nurse, 'thread-item', 'thread-id', second.id)).toBeVisible();
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);

  await byId(nurse, 'thread-item', 'thread-id', first.id).click();
  await expect(nurse.getByTestId('message-body')).toHaveText(['Is room 2 ready?']);
  await markComponent(nurse.locator('derm-conversation'));

  const thread = await holdAnswers(nurse, (url) => url.pathname === `/api/threads/${second.id}/messages`);
  await byId(nurse, 'thread-item', 'thread-id', second.id).click();
  await thread.reached();
  await expectPlaceholder(nurse, 'Loading the conversation…');
  await expect(nurse.getByTestId('conversation-subject')).toHaveText('Lab run');
  await expect(nurse.getByTestId('message')).toHaveCount(0);
  await expect(nurse.locator('derm-conversation').getByText('Is room 2 ready?')).toHaveCount(0);
  // A reply sent now would answer messages not on screen yet: it waits for them.
  await nurse.getByTestId('composer-input').fill('On my way');
  await nurse.getByTestId('composer-input').press('Enter');
  await expect(nurse.getByTestId('composer-send')).toHaveText('Sending…');
  await expect(nurse.getByTestId('composer-input')).toHaveValue('On my way');

  thread.release();
  await expect(nurse.getByTestId('message-body')).toHaveText(['The lab courier is late.', 'On my way']);
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(nurse.locator('derm-conversation')).toHaveAttribute('data-e2e-instance', 'kept');
  await expect(nurse.getByTestId('composer-input')).toHaveValue('');
  const stored = await admin.rest.get<{ body: string }[]>(`/api/threads/${second.id}/messages`);
  expect(stored.body.map((message) => message.body).sort()).toEqual(['On my way', 'The lab courier is late.']);
  const other = await admin.rest.get<{ body: string }[]>(`/api/threads/${first.id}/messages`);
  expect(other.body.map((message) => message.body)).toEqual(['Is room 2 ready?']);
  await expectNotReloaded(nurse);
});

test('patients: the list, and switching charts never shows the previous patient or who was viewing it; a missing one says so', async ({
  api,
  signIn,
}) => {
  const admin = await restAs(api.url, 'admin@riverside.test');
  const [patientA, patientB] = (await admin.rest.get<PatientSummary[]>('/api/patients')).body;
  const provider = await signIn('provider@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await markDocument(nurse);

  const list = await holdAnswers(nurse, (url) => url.pathname === '/api/patients');
  await nurse.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  await list.reached();
  await expectPlaceholder(nurse, 'Loading the patients…');
  await expect(nurse.getByTestId('patient-row')).toHaveCount(0);
  list.release();
  await expect(byId(nurse, 'patient-row', 'patient-id', patientA!.id)).toBeVisible();
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);

  // The provider has chart A open: the nurse sees her there, and only there.
  await provider.goto(`/patients/${patientA!.id}`);
  await expect(provider.getByTestId('patient-name')).toHaveText(patientA!.displayName);
  await byId(nurse, 'patient-row', 'patient-id', patientA!.id).getByTestId('patient-link').click();
  await expect(nurse.getByTestId('patient-name')).toHaveText(patientA!.displayName);
  await expect(nurse.getByTestId('also-viewing-member')).toContainText('Dr. Ana Ortiz');
  await markComponent(nurse.locator('derm-patient-page'));

  const chart = await holdAnswers(nurse, (url) => url.pathname === `/api/patients/${patientB!.id}`);
  await navigateInApp(nurse, `/patients/${patientB!.id}`);
  await chart.reached();
  await expectPlaceholder(nurse, 'Loading the patient…');
  await expect(nurse.getByTestId('patient-name')).toHaveCount(0);
  await expect(nurse.getByText(patientA!.displayName)).toHaveCount(0);
  await expect(nurse.getByTestId('also-viewing-member')).toHaveCount(0);
  chart.release();
  await expect(nurse.getByTestId('patient-name')).toHaveText(patientB!.displayName);
  await expect(nurse.getByTestId('also-viewing-none')).toBeVisible();
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(nurse.locator('derm-patient-page')).toHaveAttribute('data-e2e-instance', 'kept');

  await navigateInApp(nurse, '/patients/00000000-0000-4000-8000-000000000000');
  await expect(nurse.getByTestId('patient-error')).toHaveText('Could not open this patient: not found.');
  await expect(nurse.getByTestId('patient-name')).toHaveCount(0);
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(nurse.getByText(patientB!.displayName)).toHaveCount(0);
  await expectNotReloaded(nurse);
});

test('notifications: the inbox loading shows a placeholder and no Mark all read', async ({ api, signIn }) => {
  const desk = await restAs(api.url, 'frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const nurseId = (await desk.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  expect((await desk.rest.post('/api/tasks', { assigneeId: nurseId, title: 'Restock room 3' })).status).toBe(201);

  // The inbox loads when the tab connects: held from the start of this page load.
  const inbox = await holdAnswers(nurse, (url) => url.pathname === '/api/notifications');
  await nurse.goto('/notifications');
  await inbox.reached();
  await expectPlaceholder(nurse, 'Loading the notifications…');
  const list = nurse.getByTestId('notifications-list');
  await expect(list.getByTestId('notification-item')).toHaveCount(0);
  await expect(nurse.getByTestId('notifications-summary')).toContainText('loading…');
  await expect(nurse.getByTestId('notifications-mark-all-read')).toBeDisabled();
  inbox.release();
  await expect(list.getByTestId('notification-title').filter({ hasText: 'Restock room 3' })).toBeVisible();
  await expect(nurse.getByTestId('notifications-summary')).toHaveText('1 unread');
  await expect(nurse.getByTestId('notifications-mark-all-read')).toBeEnabled();
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);
});

test('notifications: before the tab has connected, the inbox says it is loading rather than empty', async ({
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  // The inbox loads once the tab is connected: its socket is held from the start of this page load.
  const socket = await holdSockets(nurse);
  await nurse.goto('/notifications');
  await socket.reached();

  await expect(badge(nurse)).not.toHaveAttribute('data-state', 'connected');
  await expectPlaceholder(nurse, 'Loading the notifications…');
  await expect(nurse.getByText('No notifications yet.')).toHaveCount(0);
  await expect(nurse.getByTestId('notifications-summary')).toContainText('loading…');
  await expect(nurse.getByTestId('notifications-mark-all-read')).toBeDisabled();

  socket.release();
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await expect(nurse.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(nurse.getByTestId('notifications-summary')).toHaveText(/\d+ unread/);
});

test('alerts: the recent list, and switching alert pages never shows the previous alert; a missing one says so', async ({
  api,
  signIn,
}) => {
  const admin = await restAs(api.url, 'admin@riverside.test');
  const nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  const fire = (
    await admin.rest.post<AlertSummary>('/api/alerts', { title: 'Fire drill at 3', to: { userIds: [nurseId] } })
  ).body;
  const flood = (
    await admin.rest.post<AlertSummary>('/api/alerts', { title: 'Water on the floor', to: { userIds: [nurseId] } })
  ).body;
  const page = await signIn('admin@riverside.test');
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await markDocument(page);

  const recent = await holdAnswers(page, (url) => url.pathname === '/api/alerts');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await recent.reached();
  await expectPlaceholder(page, 'Loading the recent alerts…');
  await expect(page.getByTestId('alert-row')).toHaveCount(0);
  recent.release();
  await expect(byId(page, 'alert-row', 'alert-id', fire.id)).toBeVisible();
  await expect(byId(page, 'alert-row', 'alert-id', flood.id)).toBeVisible();

  await byId(page, 'alert-row', 'alert-id', fire.id).click();
  await expect(page.getByTestId('alert-status-title')).toHaveText('Fire drill at 3');
  await markComponent(page.locator('derm-alert-status-page'));

  const status = await holdAnswers(page, (url) => url.pathname === `/api/alerts/${flood.id}`);
  await navigateInApp(page, `/alerts/${flood.id}`);
  await status.reached();
  await expectPlaceholder(page, 'Loading the alert…');
  await expect(page.getByTestId('alert-status')).toHaveCount(0);
  await expect(page.getByText('Fire drill at 3')).toHaveCount(0);
  await expect(page.getByTestId('alert-recipient-row')).toHaveCount(0);
  status.release();
  await expect(page.getByTestId('alert-status-title')).toHaveText('Water on the floor');
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(page.locator('derm-alert-status-page')).toHaveAttribute('data-e2e-instance', 'kept');

  await navigateInApp(page, '/alerts/00000000-0000-4000-8000-000000000000');
  await expect(page.getByTestId('alert-status-error')).toHaveText('Could not load the alert: not found.');
  await expect(page.getByTestId('alert-status')).toHaveCount(0);
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
  await expectNotReloaded(page);
});

test('admin pages: the audit under new filters, the operations figures and the staff accounts load behind a placeholder', async ({
  api,
  signIn,
}) => {
  const admin = await restAs(api.url, 'admin@riverside.test');
  const [patientA, patientB] = (await admin.rest.get<PatientSummary[]>('/api/patients')).body;
  const page = await signIn('admin@riverside.test');
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  for (const patient of [patientA!, patientB!]) {
    await page.goto(`/patients/${patient.id}`);
    await expect(page.getByTestId('patient-name')).toHaveText(patient.displayName);
  }
  await markDocument(page);

  const audit = await holdAnswers(page, (url) => url.pathname === '/api/audit/patient-views');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await audit.reached();
  await expectPlaceholder(page, 'Loading the chart views…');
  await expect(page.getByTestId('audit-row')).toHaveCount(0);
  audit.release();
  await expect(byId(page, 'audit-row', 'patient-id', patientA!.id).first()).toBeVisible();
  await expect(byId(page, 'audit-row', 'patient-id', patientB!.id).first()).toBeVisible();

  const filtered = await holdAnswers(
    page,
    (url) => url.pathname === '/api/audit/patient-views' && url.searchParams.get('patientId') === patientB!.id,
  );
  await page.getByTestId('audit-patient').selectOption(patientB!.id);
  await page.getByTestId('audit-apply').click();
  await filtered.reached();
  await expectPlaceholder(page, 'Loading the chart views…');
  await expect(page.getByTestId('audit-row')).toHaveCount(0);
  filtered.release();
  await expect(byId(page, 'audit-row', 'patient-id', patientB!.id).first()).toBeVisible();
  await expect(byId(page, 'audit-row', 'patient-id', patientA!.id)).toHaveCount(0);
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);

  const operations = await holdAnswers(page, (url) => url.pathname === '/api/operations');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
  await operations.reached();
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(2);
  await expectAccessible(page, 'operations, loading');
  await expect(page.getByTestId('operations-events-this-minute')).toHaveCount(0);
  await expect(page.getByTestId('operations-refusal')).toHaveCount(0);
  operations.release();
  await expect(page.getByTestId('operations-events-this-minute')).toBeVisible();
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

  const accounts = await holdAnswers(page, (url) => url.pathname === '/api/staff/accounts');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
  await accounts.reached();
  await expectPlaceholder(page, 'Loading staff…');
  await expect(page.getByTestId('staff-row')).toHaveCount(0);
  accounts.release();
  await expect(page.getByTestId('staff-row')).toHaveCount(4);
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNotReloaded(page);
});

test('schedule: a page opened before its socket is live shows its rows once, and its first connection still catches up with a booking made meanwhile', async ({
  api,
  signIn,
}) => {
  const provider = await restAs(api.url, 'provider@riverside.test');
  const day = calendarDayIn(new Date(), provider.user.timeZone);
  const booked = await bookOverRest(provider, day, '20:05');
  const desk = await signIn('frontdesk@riverside.test');
  // The page loads again with its socket held back: its schedule answers before the socket is live.
  const socket = await holdSockets(desk);
  await desk.goto('/schedule');
  await expect(appointmentRow(desk, booked.id)).toBeVisible();
  await socket.reached();
  await expect(badge(desk)).not.toHaveAttribute('data-state', 'connected');
  // From here on, every placeholder drawn is counted.
  await desk.evaluate(() => {
    const seen = { placeholders: 0 };
    Object.assign(window, { seen });
    new MutationObserver((records) => {
      for (const added of records.flatMap((record) => Array.from(record.addedNodes)))
        if (added instanceof Element && added.querySelector('[data-testid="loading-placeholder"]'))
          seen.placeholders += 1;
    }).observe(document.body, { childList: true, subtree: true });
  });

  // Booked before the socket is live: only the load at its first connection can show it.
  const meanwhile = await bookOverRest(provider, day, '20:45');
  const caughtUp = desk.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/appointments' && response.request().method() === 'GET',
  );
  socket.release();
  await expect(badge(desk)).toHaveAttribute('data-state', 'connected');
  expect((await caughtUp).status()).toBe(200);
  await expect(appointmentRow(desk, meanwhile.id)).toBeVisible();
  await expect(appointmentRow(desk, booked.id)).toBeVisible();
  expect(await desk.evaluate(() => (window as unknown as { seen: { placeholders: number } }).seen.placeholders)).toBe(
    0,
  );
});

test('a load that fails says so, and never that the day, the conversations or the alerts are empty', async ({
  api,
  browser,
}) => {
  const context = await browser.newContext({ baseURL: api.url });
  const admin = await context.newPage();
  const lists = ['/api/appointments', '/api/threads', '/api/alerts'];
  await admin.route(
    (url) => lists.includes(url.pathname),
    (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 503, json: { statusCode: 503, message: 'Service Unavailable' } })
        : route.continue(),
  );
  await admin.goto('/login');
  await signInOnPage(admin, 'admin@riverside.test');

  await expect(admin.getByTestId('schedule-error')).toContainText('Could not load the schedule');
  await expect(admin.getByTestId('schedule-summary')).toContainText('not loaded');
  await expect(admin.getByTestId('schedule-summary')).not.toContainText('booked');
  await expect(admin.getByTestId('schedule-empty')).toHaveCount(0);

  const nav = admin.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Messages' }).click();
  await expect(admin.getByTestId('threads-error')).toContainText('could not be loaded');
  await expect(admin.getByTestId('thread-list')).toHaveCount(1);
  await expect(admin.getByTestId('thread-list')).not.toContainText('No conversations yet');

  await nav.getByRole('link', { name: 'Alerts' }).click();
  await expect(admin.getByTestId('alerts-error')).toContainText('Could not load recent alerts');
  await expect(admin.getByTestId('alerts-empty')).toHaveCount(0);
  await context.close();
});
