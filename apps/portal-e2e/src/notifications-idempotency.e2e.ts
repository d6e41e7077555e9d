import { Page } from '@playwright/test';
import { AlertSummary, AnnouncementView, IDEMPOTENCY_KEY_HEADER, NotificationList } from '@derm/shared/contracts';
import { badge, expect, openSendAlertForm, restAs, test } from './fixtures';

const ALERTS = /\/api\/alerts$/;
const ANNOUNCEMENTS = /\/api\/announcements$/;

/** The idempotency keys of the POSTs the tab sent to `url`, in order. */
function sentKeys(page: Page, url: RegExp): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && url.test(request.url())) {
      keys.push(request.headers()[IDEMPOTENCY_KEY_HEADER.toLowerCase()] ?? '');
    }
  });
  return keys;
}

/** The first POST to `url` reaches the API, which stores it; its answer never reaches the tab. */
async function loseFirstAnswer(page: Page, url: RegExp): Promise<void> {
  let answered = 0;
  await page.route(url, async (route) => {
    if (route.request().method() === 'POST' && answered++ === 0) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
}

/** The nurse's notifications titled `title`, as the API has them. */
async function nurseNotifications(url: string, title: string) {
  const { rest } = await restAs(url, 'nurse@riverside.test');
  return (await rest.get<NotificationList>('/api/notifications?limit=100')).body.items.filter((n) => n.title === title);
}

test('an urgent alert whose answer is lost is sent again with the same key: stored once, the nurse alerted once', async ({
  api,
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  const keys = sentKeys(admin, ALERTS);
  await loseFirstAnswer(admin, ALERTS);

  const form = await openSendAlertForm(admin);
  await form.getByTestId('alert-title').fill('Patient collapsed in room 5');
  await form.getByTestId('alert-target').selectOption('person');
  await form.getByTestId('alert-recipient').selectOption({ label: 'Nora Quinn' });
  const answered = admin.waitForResponse((response) => ALERTS.test(response.url()));
  await form.getByTestId('alert-send').click();

  // Only the retry has an answer: the alert the server kept, not a second one.
  const alert = (await (await answered).json()) as AlertSummary;
  await expect(admin).toHaveURL(new RegExp(`/alerts/${alert.id}$`));
  await expect(admin.getByTestId('send-alert-error')).toHaveCount(0);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);

  const modal = nurse.getByTestId('urgent-alert-modal');
  await expect(modal.getByTestId('urgent-alert-title')).toHaveText('Patient collapsed in room 5');
  await modal.getByTestId('urgent-alert-ack').click();
  await expect(modal).toBeHidden();
  const { rest } = await restAs(api.url, 'admin@riverside.test');
  const sent = (await rest.get<AlertSummary[]>('/api/alerts')).body.filter((a) => a.title === alert.title);
  expect(sent.map((a) => a.id)).toEqual([alert.id]);
  expect(await nurseNotifications(api.url, alert.title)).toHaveLength(1);
});

test('an announcement whose answer is lost is sent again with the same key and told to the clinic once', async ({
  api,
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  const keys = sentKeys(admin, ANNOUNCEMENTS);
  await loseFirstAnswer(admin, ANNOUNCEMENTS);

  await admin.getByRole('link', { name: 'Alerts' }).click();
  const form = admin.getByTestId('send-announcement-form');
  await form.getByTestId('announcement-title').fill('Lobby closed Monday');
  await form.getByTestId('announcement-body').fill('Use the side entrance.');
  await form.getByTestId('announcement-send').click();
  await expect(form.getByTestId('announcement-sent')).toContainText('Sent to');

  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const { rest } = await restAs(api.url, 'admin@riverside.test');
  const stored = (await rest.get<AnnouncementView[]>('/api/announcements')).body;
  expect(stored.filter((a) => a.title === 'Lobby closed Monday')).toHaveLength(1);
  expect(await nurseNotifications(api.url, 'Lobby closed Monday')).toHaveLength(1);
});
