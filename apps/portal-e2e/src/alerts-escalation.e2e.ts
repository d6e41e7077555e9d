import { AlertSummary } from '@derm/shared/contracts';
import { StaffSession } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Long enough to see the alert listed before it escalates on a slow machine, short enough to wait for.
const ESCALATION_SECONDS = 8;
test.use({ apiEnv: { ALERT_ESCALATION_SECONDS: String(ESCALATION_SECONDS) } });

async function openAlerts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByTestId('alerts-empty')).toBeVisible();
}

test('an alert nobody acknowledges shows escalated on its sender’s list and on the admin’s status page as it happens; a colleague sees nothing', async ({
  api,
  signIn,
}) => {
  const sender = await signIn('frontdesk@riverside.test');
  const colleague = await signIn('provider@riverside.test');
  // Signed in before the alert exists: only opening its page falls within the escalation delay.
  const admin = await signIn('admin@riverside.test');
  await openAlerts(sender);
  await openAlerts(colleague);
  // From here on the sender's list cannot be loaded again: only events can change it.
  const listLoads: string[] = [];
  await sender.route(
    (url) => url.pathname === '/api/alerts',
    (route) => {
      listLoads.push(route.request().url());
      return route.abort();
    },
  );

  // The nurse is connected (so the alert reaches her and is announced) but never acknowledges it.
  const nurse = await StaffSession.signIn(api.url, 'nurse@riverside.test');
  const nurseSocket = await nurse.connect();
  const desk = await StaffSession.signIn(api.url, 'frontdesk@riverside.test');
  const { body: alert } = await desk.rest.post<AlertSummary>('/api/alerts', {
    title: 'Patient fainted in the waiting room',
    to: { userIds: [nurse.userId] },
  });
  await nurseSocket.waitFor('notification:new', ({ data }) => data.notification.title === alert.title);

  const row = sender.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`);
  await expect(row.getByTestId('alert-row-progress')).toHaveText('0/1 acknowledged');
  await expect(row.getByTestId('alert-row-escalated')).toHaveCount(0);
  await admin.goto(`/alerts/${alert.id}`);
  await expect(admin.getByTestId('alert-status-progress')).toHaveText('0/1 acknowledged');
  await expect(admin.getByTestId('alert-status-escalated')).toHaveCount(0);

  const escalation = { timeout: (ESCALATION_SECONDS + 10) * 1000 };
  await expect(row.getByTestId('alert-row-escalated')).toHaveText('escalated', escalation);
  await expect(admin.getByTestId('alert-status-escalated')).toBeVisible(escalation);
  expect(listLoads).toEqual([]);
  await expect(colleague.getByTestId('alerts-empty')).toBeVisible();
  await expect(colleague.getByTestId('alert-row')).toHaveCount(0);
  nurse.close();
});
