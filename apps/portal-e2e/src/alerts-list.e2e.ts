import { AlertSummary } from '@derm/shared/contracts';
import { StaffSession } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// More alerts are sent below, over REST, than one person's write budget allows.
test.use({ apiEnv: { REST_WRITE_POINTS: '1000' } });

const title = (n: number) => `Alert ${String(n).padStart(2, '0')}`;

async function sendAlert(sender: StaffSession, text: string, to: StaffSession): Promise<AlertSummary> {
  const { status, body } = await sender.rest.post<AlertSummary>('/api/alerts', {
    title: text,
    to: { userIds: [to.userId] },
  });
  expect(status).toBe(201);
  return body;
}

async function openAlerts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('heading', { name: 'Recent alerts' })).toBeVisible();
}

/** The requests a page makes for one alert (`/api/alerts/<id>`): what it reads when a change names one it does not list. */
function alertReads(page: Page): string[] {
  const reads: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/alerts\/[^/?]+$/.test(new URL(request.url()).pathname)) reads.push(request.url());
  });
  return reads;
}

/** From here on the page cannot load its list again: only `alert:status` can change it. */
async function refuseListLoads(page: Page): Promise<string[]> {
  const loads: string[] = [];
  await page.route(
    (url) => url.pathname === '/api/alerts',
    (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      loads.push(route.request().url());
      return route.abort();
    },
  );
  return loads;
}

test('the sender and the admin read every alert a page at a time and see acknowledgements and new alerts live, received or not; a colleague and another clinic see none', async ({
  api,
  signIn,
}) => {
  const frontDesk = await StaffSession.signIn(api.url, 'frontdesk@riverside.test');
  const nurse = await StaffSession.signIn(api.url, 'nurse@riverside.test');
  // 25 alerts to the nurse: more than the list's page of 20.
  for (let n = 1; n <= 25; n++) await sendAlert(frontDesk, title(n), nurse);

  const sender = await signIn('frontdesk@riverside.test');
  const admin = await signIn('admin@riverside.test');
  const colleague = await signIn('provider@riverside.test');
  const otherClinic = await signIn('admin@lakeside.test');
  const colleagueReads = alertReads(colleague);
  const otherClinicReads = alertReads(otherClinic);

  for (const page of [sender, admin]) {
    await openAlerts(page);
    const titles = page.getByTestId('alert-row').locator('.title');
    await expect(titles).toHaveCount(20);
    await expect(titles.first()).toHaveText(title(25));
    await expect(titles.last()).toHaveText(title(6));
    await page.getByTestId('alerts-older').click();
    await expect(titles).toHaveText(Array.from({ length: 25 }, (_, i) => title(25 - i)));
    await expect(page.getByTestId('alerts-older')).toHaveCount(0);
    await expect(page.getByTestId('alert-row-progress')).toHaveText(Array(25).fill('0/1 acknowledged'));
  }
  for (const page of [colleague, otherClinic]) {
    await openAlerts(page);
    await expect(page.getByTestId('alerts-empty')).toBeVisible();
    await expect(page.getByTestId('alert-row')).toHaveCount(0);
    await expect(page.getByTestId('alerts-older')).toHaveCount(0);
  }
  const senderLoads = await refuseListLoads(sender);
  const adminLoads = await refuseListLoads(admin);
  const senderReads = alertReads(sender);
  const adminReads = alertReads(admin);

  // The nurse, on another device, acknowledges the newest alert and one from the older page.
  const nurseSocket = await nurse.connect();
  const notificationId = async (text: string) =>
    (await nurseSocket.waitFor('notification:new', ({ data }) => data.notification.title === text, 10_000)).data
      .notification.id;
  for (const text of [title(25), title(1)]) {
    const ack = await nurseSocket.command('notification:ack', { id: await notificationId(text) });
    expect(ack.ok).toBe(true);
  }
  const progressOf = (page: Page, text: string) =>
    page.getByTestId('alert-row').filter({ hasText: text }).getByTestId('alert-row-progress');
  for (const page of [sender, admin]) {
    await expect(progressOf(page, title(25))).toHaveText('1/1 acknowledged');
    await expect(progressOf(page, title(1))).toHaveText('1/1 acknowledged');
    await expect(page.getByTestId('alert-row-progress').filter({ hasText: '1/1' })).toHaveCount(2);
  }

  // A new alert reaches the connected nurse: the sender's and the admin's lists show it on top, then its acknowledgement.
  const fresh = await sendAlert(frontDesk, 'Alert 26', nurse);
  for (const page of [sender, admin]) {
    await expect(page.getByTestId('alert-row').first()).toHaveAttribute('data-alert-id', fresh.id);
    await expect(page.getByTestId('alert-row')).toHaveCount(26);
  }
  const ack = await nurseSocket.command('notification:ack', { id: await notificationId('Alert 26') });
  expect(ack.ok).toBe(true);
  for (const page of [sender, admin]) await expect(progressOf(page, 'Alert 26')).toHaveText('1/1 acknowledged');

  // One the nurse, gone offline, has not received: it is on both lists at once, as sent.
  nurse.close();
  const unreceived = await sendAlert(frontDesk, 'Alert 27', nurse);
  for (const page of [sender, admin]) {
    await expect(page.getByTestId('alert-row').first()).toHaveAttribute('data-alert-id', unreceived.id);
    await expect(progressOf(page, 'Alert 27')).toHaveText('0/1 acknowledged');
    await expect(page.getByTestId('alert-row')).toHaveCount(27);
  }
  expect(senderLoads).toEqual([]);
  expect(adminLoads).toEqual([]);
  // `alert:sent` carried each new alert whole: neither list had to read one.
  expect(senderReads).toEqual([]);
  expect(adminReads).toEqual([]);

  // Neither a colleague who sent none of them nor another clinic's admin heard of any of it.
  for (const page of [colleague, otherClinic]) {
    await expect(page.getByTestId('alerts-empty')).toBeVisible();
    await expect(page.getByTestId('alert-row')).toHaveCount(0);
  }
  expect(colleagueReads).toEqual([]);
  expect(otherClinicReads).toEqual([]);
});
