import { AlertSummary, NotificationList, StaffMember } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { badge, expect, restAs, RestStaff, test } from './fixtures';

const modal = (page: Page) => page.getByTestId('urgent-alert-modal');
const ack = (page: Page) => modal(page).getByTestId('urgent-alert-ack');
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

async function acknowledgedAt(sender: RestStaff, alertId: string): Promise<string | undefined> {
  return (await sender.rest.get<AlertSummary>(`/api/alerts/${alertId}`)).body.recipients[0]?.acknowledgedAt;
}

test('two urgent alerts: each is announced as a new dialog and acknowledged only once it was shown a moment; another clinic gets neither', async ({
  api,
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  const otherClinic = await signIn('nurse@lakeside.test');
  for (const page of [nurse, otherClinic]) await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  const admin = await restAs(api.url, 'admin@riverside.test');
  const nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  const send = async (title: string, body: string) => {
    const sent = await admin.rest.post<AlertSummary>('/api/alerts', { title, body, to: { userIds: [nurseId] } });
    expect(sent.status).toBe(201);
    return sent.body;
  };
  const first = await send('Patient collapsed in room 3', 'Bring the crash cart');
  const second = await send('Fire alarm in room 4', 'Take the patients out by the back stairs');

  // An Enter already under way as the alert appears does nothing: it has not been read.
  const firstDialog = nurse.getByRole('alertdialog', { name: 'Patient collapsed in room 3' });
  await expect(firstDialog).toBeVisible();
  await nurse.keyboard.press('Enter');
  await expect(ack(nurse)).toHaveText('Acknowledge');
  await expect(firstDialog).toHaveAccessibleDescription(/Bring the crash cart.*1 more waiting/);
  await expect.poll(() => focusedTestId(nurse)).toBe('urgent-alert-ack');
  await nurse.evaluate(() =>
    document.querySelector('[data-testid="urgent-alert-modal"]')!.setAttribute('data-e2e', 'first'),
  );
  await expect(ack(nurse)).not.toHaveAttribute('aria-disabled', 'true');
  await expect(firstDialog).toBeVisible();
  expect(await acknowledgedAt(admin, first.id)).toBeFalsy();

  await nurse.keyboard.press('Enter');
  // The next alert is a new dialog, named and described by its own title and details.
  const secondDialog = nurse.getByRole('alertdialog', { name: 'Fire alarm in room 4' });
  await expect(secondDialog).toBeVisible();
  // The same Enter pressed once more does not acknowledge the second one unseen.
  await nurse.keyboard.press('Enter');
  await expect(secondDialog).toHaveAccessibleDescription(/Take the patients out by the back stairs/);
  await expect(secondDialog).not.toHaveAttribute('data-e2e', 'first');
  await expect(modal(nurse)).toHaveCount(1);
  await expect(modal(nurse).getByTestId('urgent-alert-more')).toHaveCount(0);
  await expect.poll(() => focusedTestId(nurse)).toBe('urgent-alert-ack');
  await expect.poll(() => acknowledgedAt(admin, first.id)).toBeTruthy();

  await expect(ack(nurse)).not.toHaveAttribute('aria-disabled', 'true');
  await expect(secondDialog).toBeVisible();
  expect(await acknowledgedAt(admin, second.id)).toBeFalsy();
  await nurse.keyboard.press('Enter');
  await expect(modal(nurse)).toHaveCount(0);
  await expect.poll(() => acknowledgedAt(admin, second.id)).toBeTruthy();

  // Lakeside's nurse was shown nothing and holds nothing of either.
  await expect(modal(otherClinic)).toHaveCount(0);
  await expect(otherClinic.getByTestId('notification-count')).toHaveText('0');
  const lakeside = await restAs(api.url, 'nurse@lakeside.test');
  const titles = (await lakeside.rest.get<NotificationList>('/api/notifications')).body.items.map((item) => item.title);
  expect(titles).not.toContain('Patient collapsed in room 3');
  expect(titles).not.toContain('Fire alarm in room 4');
  expect((await lakeside.rest.get(`/api/alerts/${first.id}`)).status).toBeGreaterThanOrEqual(400);
});

test("one colleague's many alerts do not hold back another's: it shows as soon as the alert on screen is acknowledged", async ({
  api,
  signIn,
}) => {
  const provider = await signIn('provider@riverside.test');
  const frontDesk = await signIn('frontdesk@riverside.test');
  for (const page of [provider, frontDesk]) await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  const [nurse, admin] = await Promise.all([
    restAs(api.url, 'nurse@riverside.test'),
    restAs(api.url, 'admin@riverside.test'),
  ]);
  const providerId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'provider')!.id;
  for (let i = 1; i <= 8; i++) {
    const sent = await nurse.rest.post('/api/alerts', { title: `Supplies ${i}`, to: { userIds: [providerId] } });
    expect(sent.status).toBe(201);
  }
  await expect(provider.getByRole('alertdialog', { name: 'Supplies 1' })).toBeVisible();
  const real = await admin.rest.post('/api/alerts', { title: 'Code blue in room 3', to: { userIds: [providerId] } });
  expect(real.status).toBe(201);
  await expect(modal(provider).getByTestId('urgent-alert-more')).toHaveText('8 more waiting');
  // What arrives meanwhile does not replace the alert being read.
  await expect(provider.getByRole('alertdialog', { name: 'Supplies 1' })).toBeVisible();

  await expect(ack(provider)).not.toHaveAttribute('aria-disabled', 'true');
  await ack(provider).click();
  await expect(provider.getByRole('alertdialog', { name: 'Code blue in room 3' })).toBeVisible();
  await expect(modal(provider).getByTestId('urgent-alert-sender-name')).toHaveText('Alma Reyes');
  await expect(modal(provider).getByTestId('urgent-alert-more')).toHaveText('7 more waiting');
  // Nobody else was sent any of them.
  await expect(modal(frontDesk)).toHaveCount(0);
});
