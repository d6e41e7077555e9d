import { badge, expect, openSendAlertForm, test } from './fixtures';

test('the urgent modal names its sender, and the sender’s status page follows the acknowledgement live, with no polling', async ({
  signIn,
}) => {
  const sender = await signIn('frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');

  const form = await openSendAlertForm(sender);
  await form.getByTestId('alert-title').fill('Patient asking for a nurse at reception');
  await form.getByTestId('alert-target').selectOption('person');
  await form.getByTestId('alert-recipient').selectOption({ label: 'Nora Quinn' });
  await form.getByTestId('alert-send').click();
  await expect(sender).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
  const statusUrl = new URL(sender.url()).pathname.replace('/alerts/', '/api/alerts/');
  const row = sender.getByTestId('alert-recipient-row').filter({ hasText: 'Nora Quinn' });
  await expect(row).toBeVisible();
  await expect(sender.getByTestId('alert-status-progress')).toHaveText('0/1 acknowledged');
  const pagePath = new URL(sender.url()).pathname;
  const admin = await signIn('admin@riverside.test');
  await admin.goto(pagePath);
  await expect(admin.getByTestId('alert-status-progress')).toHaveText('0/1 acknowledged');
  const provider = await signIn('provider@riverside.test');
  await provider.goto(pagePath);
  await expect(provider.getByTestId('alert-status-error')).toBeVisible();
  await expect(provider.getByTestId('alert-status')).toHaveCount(0);

  // From here on the status cannot be fetched again: only alert:status can change the page.
  const refetches: string[] = [];
  await sender.route(`**${statusUrl}`, (route) => {
    refetches.push(route.request().url());
    return route.abort();
  });

  const modal = nurse.getByTestId('urgent-alert-modal');
  await expect(modal.getByTestId('urgent-alert-title')).toHaveText('Patient asking for a nurse at reception');
  await expect(modal.getByTestId('urgent-alert-sender')).toHaveText('From Felix Park · Front desk');
  await modal.getByTestId('urgent-alert-ack').click();
  await expect(modal).toBeHidden();

  await expect(row).toHaveAttribute('data-state', 'acknowledged');
  await expect(sender.getByTestId('alert-status-progress')).toHaveText('1/1 acknowledged');
  await expect(admin.getByTestId('alert-status-progress')).toHaveText('1/1 acknowledged');
  expect(refetches).toEqual([]);
});
