import { AlertStatus, calendarDayIn } from '@derm/shared/contracts';
import { RestClient } from '@derm/shared/test-client';
import { BrowserContext, Page, WebSocket } from '@playwright/test';
import {
  appointmentRow,
  badge,
  bookOverRest,
  expect,
  openSendAlertForm,
  restAs,
  signInOnPage,
  submitSignIn,
  test,
} from './fixtures';

/**
 * A shared front-desk computer: Sign out in one tab signs out the same person's other tabs of this
 * browser, and nobody else's; an urgent alert does not stand in the way of signing out.
 */

const modal = (page: Page) => page.getByTestId('urgent-alert-modal');

/** Another tab of the same browser (its own sessionStorage, so its own session), signed in. */
async function openTab(context: BrowserContext, email: string): Promise<{ tab: Page; sockets: WebSocket[] }> {
  const tab = await context.newPage();
  const sockets: WebSocket[] = [];
  tab.on('websocket', (socket) => sockets.push(socket));
  await tab.goto('/login');
  await signInOnPage(tab, email);
  return { tab, sockets };
}

function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('derm.session') ?? '{}').accessToken as string);
}

function logoutAnswered(page: Page) {
  return page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
}

test('Sign out in one tab signs out the same person’s other tabs of this browser, each ending its own session; another person’s tab and another browser stay signed in and live', async ({
  api,
  signIn,
}) => {
  const nurseTab = await signIn('nurse@riverside.test');
  const browser = nurseTab.context();
  const nurseOtherTab = await openTab(browser, 'nurse@riverside.test');
  const deskTab = await openTab(browser, 'frontdesk@riverside.test');
  const nurseElsewhere = await signIn('nurse@riverside.test');
  await expect(badge(nurseElsewhere)).toHaveAttribute('data-state', 'connected');
  const otherTabToken = await tokenOf(nurseOtherTab.tab);
  const elsewhereToken = await tokenOf(nurseElsewhere);
  const deskToken = await tokenOf(deskTab.tab);
  expect(nurseOtherTab.sockets.length).toBeGreaterThan(0);

  const otherTabEnds = logoutAnswered(nurseOtherTab.tab);
  await nurseTab.getByTestId('logout').click();
  await expect(nurseTab).toHaveURL(/\/login$/);

  await expect(nurseOtherTab.tab).toHaveURL(/\/login\?reason=signed-out-in-another-tab$/);
  await expect(nurseOtherTab.tab.getByTestId('login-notice')).toHaveText(
    'You signed out in another tab of this browser.',
  );
  await expect(nurseOtherTab.tab.getByTestId('current-user')).toHaveCount(0);
  // The tab ended its own session on the server, with its own token, and closed its socket.
  const ended = await otherTabEnds;
  expect(ended.request().headers()['authorization']).toBe(`Bearer ${otherTabToken}`);
  expect(ended.ok()).toBe(true);
  expect((await new RestClient(api.url, otherTabToken).get('/api/staff')).status).toBe(401);
  await expect.poll(() => nurseOtherTab.sockets.every((socket) => socket.isClosed())).toBe(true);

  // The front desk in this browser and the nurse in another one are still signed in, and live.
  expect((await new RestClient(api.url, deskToken).get('/api/staff')).status).toBe(200);
  expect((await new RestClient(api.url, elsewhereToken).get('/api/staff')).status).toBe(200);
  const provider = await restAs(api.url, 'provider@riverside.test');
  const booking = await bookOverRest(provider, calendarDayIn(new Date(), provider.user.timeZone), '20:00');
  for (const [page, name] of [
    [deskTab.tab, 'Felix Park'],
    [nurseElsewhere, 'Nora Quinn'],
  ] as const) {
    await expect(appointmentRow(page, booking.id)).toBeVisible();
    await expect(page).toHaveURL(/\/schedule$/);
    await expect(page.getByTestId('current-user')).toHaveText(name);
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  }
});

test('the urgent modal offers Sign out, which leaves the alert awaiting acknowledgement until the nurse signs in again, and shows it to nobody else', async ({
  api,
  signIn,
}) => {
  const sender = await signIn('frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const nurseOtherTab = await openTab(nurse.context(), 'nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');

  const form = await openSendAlertForm(sender);
  await form.getByTestId('alert-title').fill('Patient waiting at reception');
  await form.getByTestId('alert-target').selectOption('person');
  await form.getByTestId('alert-recipient').selectOption({ label: 'Nora Quinn' });
  await form.getByTestId('alert-send').click();
  await expect(sender).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
  const alertId = new URL(sender.url()).pathname.replace('/alerts/', '');
  const row = sender.getByTestId('alert-recipient-row').filter({ hasText: 'Nora Quinn' });
  await expect(row).toHaveAttribute('data-state', 'delivered');
  await expect(modal(nurse).getByTestId('urgent-alert-title')).toHaveText('Patient waiting at reception');
  await expect(modal(nurseOtherTab.tab).getByTestId('urgent-alert-title')).toHaveText('Patient waiting at reception');

  const signedOut = logoutAnswered(nurse);
  await modal(nurse).getByTestId('urgent-alert-logout').click();
  await expect(nurse).toHaveURL(/\/login$/);
  await expect(modal(nurse)).toBeHidden();
  expect((await signedOut).ok()).toBe(true);
  // Her other tab of this browser is signed out too, from under the same modal.
  await expect(nurseOtherTab.tab).toHaveURL(/\/login\?reason=signed-out-in-another-tab$/);
  await expect(modal(nurseOtherTab.tab)).toBeHidden();

  // Not acknowledged: neither the sender's live page nor the API says otherwise.
  const desk = await restAs(api.url, 'frontdesk@riverside.test');
  const status = await desk.rest.get<AlertStatus>(`/api/alerts/${alertId}`);
  expect(status.status).toBe(200);
  const nurseCopy = status.body.recipients.find((recipient) => recipient.name === 'Nora Quinn');
  expect(nurseCopy?.deliveredAt).toBeDefined();
  expect(nurseCopy?.acknowledgedAt).toBeUndefined();
  await expect(row).toHaveAttribute('data-state', 'delivered');
  await expect(sender.getByTestId('alert-status-progress')).toHaveText('0/1 acknowledged');

  // The next person at the computer gets only their own alert, never hers.
  await signInOnPage(nurse, 'provider@riverside.test');
  const providerId = (await restAs(api.url, 'provider@riverside.test')).user.id;
  expect(
    (await desk.rest.post('/api/alerts', { title: 'Room 4 is ready', to: { userIds: [providerId] } })).status,
  ).toBe(201);
  await expect(modal(nurse).getByTestId('urgent-alert-title')).toHaveText('Room 4 is ready');
  await expect(modal(nurse).getByTestId('urgent-alert-more')).toHaveCount(0);
  await modal(nurse).getByTestId('urgent-alert-logout').click();
  await expect(nurse).toHaveURL(/\/login$/);

  // At her next sign-in the server sends it again; acknowledging it there is what the sender sees.
  await submitSignIn(nurse, 'nurse@riverside.test');
  await expect(modal(nurse).getByTestId('urgent-alert-title')).toHaveText('Patient waiting at reception');
  await expect(modal(nurse).getByTestId('urgent-alert-more')).toHaveCount(0);
  await modal(nurse).getByTestId('urgent-alert-ack').click();
  await expect(modal(nurse)).toBeHidden();
  await expect(row).toHaveAttribute('data-state', 'acknowledged');
  await expect(sender.getByTestId('alert-status-progress')).toHaveText('1/1 acknowledged');
});
