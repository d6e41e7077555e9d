import {
  AppointmentSummary,
  CreateAppointmentRequest,
  LoginResponse,
  PatientSummary,
  StaffMember,
  ThreadSummary,
  zonedTime,
} from '@derm/shared/contracts';
import { ApiServer, login, RestClient, startApiServer, startTcpBalancer, TcpBalancer } from '@derm/shared/test-client';
import { APIResponse, BrowserContext, expect, Locator, Page, test as base } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

interface PortalFixtures {
  /** Settings of the API beyond the test defaults, per file with `test.use({ apiEnv })`. */
  apiEnv: Record<string, string>;
  /** The built API on a free port with a fresh demo database, serving the built portal. */
  api: ApiServer;
  /** Opens the portal in a new browser context (its own session) and signs in. */
  signIn: (email: string) => Promise<Page>;
}

export const test = base.extend<PortalFixtures>({
  apiEnv: [{}, { option: true }],
  api: async ({ apiEnv }, use) => {
    const api = await startApiServer({ env: apiEnv });
    await use(api);
    await api.dispose();
  },
  baseURL: async ({ api }, use) => use(api.url),
  signIn: async ({ browser, api }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (email) => {
      const context = await browser.newContext({ baseURL: api.url });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/login');
      await submitSignIn(page, email);
      await expect(page).toHaveURL(/\/schedule$/);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/**
 * Fills in and sends the sign-in form of the login page this tab shows. It waits for the Sign in
 * button's label first: the page binds its form in its first render, which clears anything typed
 * into fields that appeared a moment before (right after a sign-out, for instance).
 */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in on the login page this tab shows, and waits for the schedule, connected. */
export async function signInOnPage(page: Page, email: string): Promise<void> {
  await submitSignIn(page, email);
  await expect(page).toHaveURL(/\/schedule$/);
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
}

/**
 * Opens the Alerts page from the main navigation and returns its send form once bound: the form is
 * drawn a moment before its fields are bound, and that first binding clears what was typed before.
 */
export async function openSendAlertForm(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  const form = page.getByTestId('send-alert-form');
  await expect(form.getByTestId('alert-send')).toHaveText('Send alert');
  return form;
}

/**
 * A tab that reaches the API through a TCP proxy the test controls, so a network drop is a real
 * one (`context.setOffline` leaves open WebSockets alone, playwright#4910).
 */
export const testThroughProxy = test.extend<{ network: TcpBalancer; tab: Page }>({
  network: async ({ api }, use) => {
    const network = await startTcpBalancer([api.port]);
    await use(network);
    await network.close();
  },
  tab: async ({ browser, network }, use) => {
    const context = await browser.newContext({ baseURL: network.url });
    await use(await context.newPage());
    await context.close();
  },
});

/** A staff member acting over REST, without a browser. */
export interface RestStaff {
  rest: RestClient;
  user: LoginResponse['user'];
}

export async function restAs(url: string, email: string): Promise<RestStaff> {
  const session = await login(url, email);
  return { rest: new RestClient(url, session.accessToken), user: session.user };
}

/** Riverside's staff of these roles over REST, in that order (`nurse`, `provider`, `frontdesk`, `admin`). */
export function riversideOverRest(url: string, ...roles: string[]): Promise<RestStaff[]> {
  return Promise.all(roles.map((role) => restAs(url, `${role}@riverside.test`)));
}

/** A conversation's row in the page's thread list. */
export function threadItem(page: Page, threadId: string): Locator {
  return page.locator(`[data-testid="thread-item"][data-thread-id="${threadId}"]`);
}

/** An account's row on the admins' Staff page. */
export function staffRow(page: Page, name: string): Locator {
  return page.getByTestId('staff-row').filter({ hasText: name });
}

/** A conversation `from` starts with `others` over REST, as the portal would. */
export async function startThreadOverRest(
  from: RestStaff,
  others: readonly RestStaff[],
  about: { subject: string; patientId?: string },
): Promise<ThreadSummary> {
  const response = await from.rest.post<ThreadSummary>('/api/threads', {
    participantIds: others.map((other) => other.user.id),
    ...about,
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** A message `from` writes in a thread over REST. */
export async function postOverRest(from: RestStaff, threadId: string, body: string): Promise<void> {
  expect((await from.rest.post(`/api/threads/${threadId}/messages`, { body })).status).toBe(201);
}

/**
 * Every page an admin can open, with its title, for the suites that visit them all: a thread and
 * a patient to open, and an alert's own page when there is one.
 */
export function everyPage({
  threadId,
  patientId,
  alertId,
}: {
  threadId: string;
  patientId: string;
  alertId?: string;
}): [string, string][] {
  return [
    ['/schedule', 'Schedule'],
    ['/messages', 'Messages'],
    [`/messages/${threadId}`, 'Messages'],
    ['/patients', 'Patients'],
    [`/patients/${patientId}`, 'Patient'],
    ['/audit', 'Chart-view audit'],
    ['/operations', 'Operations'],
    ['/staff', 'Staff'],
    ['/notifications', 'Notifications'],
    ['/alerts', 'Urgent alerts'],
    ...(alertId ? [[`/alerts/${alertId}`, 'Alert'] as [string, string]] : []),
  ];
}

export function badge(page: Page): Locator {
  return page.getByTestId('connection-badge');
}

export function appointmentRow(page: Page, id: string): Locator {
  return page.locator(`[data-testid="appointment-row"][data-appointment-id="${id}"]`);
}

/**
 * Fills the schedule page's booking form (the first patient listed, unless the test chose one
 * already, and the first provider) and presses Book; returns the form.
 */
export async function submitBooking(page: Page, time: string, { patientChosen = false } = {}): Promise<Locator> {
  const form = page.getByTestId('new-appointment-form');
  if (!patientChosen) await form.getByTestId('new-appointment-patient').selectOption({ index: 1 });
  await form.getByTestId('new-appointment-provider').selectOption({ index: 1 });
  await form.getByTestId('new-appointment-time').fill(time);
  await form.getByTestId('new-appointment-submit').click();
  return form;
}

/**
 * Books through the schedule page's form (`submitBooking`) and returns what the API created. A
 * time that has gone by on the clinic's clock is asked about first, and confirmed here.
 */
export async function bookAppointment(
  page: Page,
  time: string,
  { patientChosen = false } = {},
): Promise<AppointmentSummary> {
  const created = page.waitForResponse(
    (response) => response.url().endsWith('/api/appointments') && response.request().method() === 'POST',
  );
  const form = await submitBooking(page, time, { patientChosen });
  const confirmPast = form.getByTestId('new-appointment-confirm-past');
  const first = await Promise.race([
    created.then(() => 'booked'),
    confirmPast.waitFor().then(
      () => 'asked',
      () => 'booked',
    ),
  ]);
  if (first === 'asked') await confirmPast.click();
  const response = await created;
  expect(response.status()).toBe(201);
  return (await response.json()) as AppointmentSummary;
}

/**
 * Books on Riverside's clock over REST (confirmed, whatever the hour), as a colleague elsewhere
 * would: a 20-minute follow-up of the first patient with the first provider, unless `more` says otherwise.
 */
export async function bookOverRest(
  staff: RestStaff,
  day: string,
  time: string,
  more: Partial<CreateAppointmentRequest> = {},
): Promise<AppointmentSummary> {
  const [patient] = (await staff.rest.get<PatientSummary[]>('/api/patients')).body;
  const provider = (await staff.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'provider');
  if (!patient || !provider) throw new Error('The clinic needs a patient and a provider');
  const startsAt = zonedTime(day, time, 'America/New_York');
  const response = await staff.rest.post<AppointmentSummary>('/api/appointments', {
    patientId: patient.id,
    providerId: provider.id,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 20 * 60_000).toISOString(),
    type: 'follow-up',
    confirmPast: true,
    ...more,
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** The API's answers to requests a tab sent, held back from the tab until `release()`. */
export interface DelayedAnswers {
  /** Each answer as the API gave it, in the order they came. */
  readonly answers: readonly APIResponse[];
  /** Lets the held answers, and every later one, through to the tab. */
  release(): void;
}

/**
 * The tab's `method` requests to `url` reach the API at once; their answers reach the tab only
 * once the test calls `release()`: an answer that comes late, after what the test does meanwhile.
 */
export async function delayAnswers(page: Page, url: string | RegExp, method: string): Promise<DelayedAnswers> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const answers: APIResponse[] = [];
  await page.route(url, async (route) => {
    if (route.request().method() !== method) return route.continue();
    const response = await route.fetch();
    answers.push(response);
    await released;
    await route.fulfill({ response });
  });
  return { answers, release };
}

/** Marks the document, so that a later check can tell the page was never reloaded. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-marker', 'kept'));
}

export async function expectNotReloaded(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-e2e-marker', 'kept');
}
