import { AlertSummary, StaffMember } from '@derm/shared/contracts';
import { RestClient } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { badge, expect, restAs, RestStaff, submitSignIn, test } from './fixtures';

const modal = (page: Page) => page.getByTestId('urgent-alert-modal');
const onlineCount = (page: Page) => page.getByTestId('online-staff-toggle');

/** The built portal's code files this page has not loaded (from the network or its cache) yet. */
async function missingChunks(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname.slice(1)),
  );
  return readdirSync('dist/apps/portal/browser').filter(
    (file) => /^chunk-.*\.js$/.test(file) && !loaded.includes(file),
  );
}

/** The provider alerts the riverside nurse and front desk over REST; returns the alert's id. */
async function alertNurseAndFrontDesk(provider: RestStaff, title: string): Promise<string> {
  const staff = (await provider.rest.get<StaffMember[]>('/api/staff')).body;
  const userIds = ['nurse', 'front-desk'].map((role) => staff.find((m) => m.role === role)!.id);
  const sent = await provider.rest.post<AlertSummary>('/api/alerts', { title, to: { userIds } });
  expect(sent.status).toBe(201);
  return sent.body.id;
}

/** Who has acknowledged the alert, as the server has it. */
async function acknowledgedBy(provider: RestStaff, alertId: string): Promise<string[]> {
  const status = await provider.rest.get<AlertSummary>(`/api/alerts/${alertId}`);
  expect(status.status).toBe(200);
  return status.body.recipients.filter((r) => r.acknowledgedAt).map((r) => r.name);
}

// `setOffline` fires the browser's `offline` event but leaves open WebSockets alone
// (playwright#4910): the same as a laptop whose Wi-Fi just dropped, where the socket lingers
// until the ping timeout.
test.describe('the browser going offline', () => {
  test('the badge leaves Live at once, and an acknowledgement made offline is sent on reconnect', async ({
    api,
    signIn,
  }) => {
    const nurse = await signIn('nurse@riverside.test');
    const frontDesk = await signIn('frontdesk@riverside.test');
    const otherClinic = await signIn('nurse@lakeside.test');
    const provider = await restAs(api.url, 'provider@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(onlineCount(nurse)).toHaveAttribute('data-live', 'true');
    const alertId = await alertNurseAndFrontDesk(provider, 'Call the lab now');
    await expect(modal(nurse)).toBeVisible();
    await expect(modal(frontDesk)).toBeVisible();

    // The status region is there, empty, before it has anything to say: created filled, it is not read.
    const announcer = nurse.getByRole('status').and(nurse.getByTestId('connection-announcer'));
    await expect(announcer).toHaveText('');
    await nurse.context().setOffline(true);
    await expect(badge(nurse)).toHaveAttribute('data-state', 'offline');
    await expect(badge(nurse)).toHaveText('No network');
    await expect(onlineCount(nurse)).toHaveAttribute('data-live', 'false');
    await expect(announcer.getByTestId('offline-banner')).toBeVisible();

    await modal(nurse).getByTestId('urgent-alert-ack').click();
    await expect(modal(nurse).getByTestId('urgent-alert-waiting')).toHaveText('Acknowledged: will send on reconnect.');
    await expect(modal(nurse).getByTestId('urgent-alert-ack')).toBeDisabled();
    // Nothing reached the server: the socket was closed when the browser went offline.
    expect(await acknowledgedBy(provider, alertId)).toEqual([]);

    await nurse.context().setOffline(false);
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    // The banner goes, and the region says so, rather than going quiet.
    await expect(announcer).toHaveText('Live updates are back.');
    await expect(nurse.getByTestId('offline-banner')).toHaveCount(0);
    await expect(modal(nurse)).toBeHidden();
    await expect.poll(() => acknowledgedBy(provider, alertId)).toEqual(['Nora Quinn']);
    await expect(onlineCount(nurse)).toHaveAttribute('data-live', 'true');
    await expect(nurse.getByRole('alert')).toHaveCount(0);
    // Hers alone: the front desk still has the alert to acknowledge, the other clinic never had it.
    await expect(modal(frontDesk)).toBeVisible();
    await expect(modal(otherClinic)).toBeHidden();
    await expect(badge(otherClinic)).toHaveAttribute('data-state', 'connected');
  });

  test('who else is viewing a chart is greyed out while offline, and live again after', async ({ signIn }) => {
    const nurse = await signIn('nurse@riverside.test');
    const provider = await signIn('provider@riverside.test');
    for (const page of [nurse, provider]) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
      await page.getByTestId('patient-row').first().getByTestId('patient-link').click();
    }
    const viewing = nurse.getByTestId('also-viewing');
    await expect(viewing.getByTestId('also-viewing-member')).toHaveCount(1);
    await expect(viewing).toHaveAttribute('data-live', 'true');

    await nurse.context().setOffline(true);
    await expect(viewing).toHaveAttribute('data-live', 'false');
    await expect(viewing.getByTestId('also-viewing-member')).toContainText('Dr. Ana Ortiz');

    await nurse.context().setOffline(false);
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(viewing).toHaveAttribute('data-live', 'true');
    await expect(viewing.getByTestId('also-viewing-member')).toContainText('Dr. Ana Ortiz');
  });

  test('signing out with the network gone still shows the sign-in page, ends the session on the server once the network is back, and the next person signs in there', async ({
    api,
    signIn,
  }) => {
    const nurse = await signIn('nurse@riverside.test');
    // Opened at the schedule, not at the sign-in page: the sign-in page's code comes by preloading alone.
    await nurse.reload();
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect.poll(() => missingChunks(nurse)).toEqual([]);

    const nurseToken = await nurse.evaluate(
      () => JSON.parse(sessionStorage.getItem('derm.session') ?? '{}').accessToken,
    );
    await nurse.context().setOffline(true);
    await expect(badge(nurse)).toHaveAttribute('data-state', 'offline');
    await nurse.getByTestId('logout').click();
    await expect(nurse).toHaveURL(/\/login$/);
    await expect(nurse.getByTestId('current-user')).toHaveCount(0);
    await expect(nurse.getByTestId('login-submit')).toHaveText('Sign in');

    // Until the network is back, the server has not heard of it: the token still works.
    const nurseRest = new RestClient(api.url, nurseToken);
    expect((await nurseRest.get('/api/staff')).status).toBe(200);

    await nurse.context().setOffline(false);
    await expect.poll(async () => (await nurseRest.get('/api/staff')).status).toBe(401);
    await submitSignIn(nurse, 'frontdesk@riverside.test');
    await expect(nurse).toHaveURL(/\/schedule$/);
    await expect(nurse.getByTestId('current-user')).toHaveText('Felix Park');
  });
});
