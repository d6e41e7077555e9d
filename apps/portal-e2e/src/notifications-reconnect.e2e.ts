import { NotificationList, StaffMember } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { badge, expect, restAs, test } from './fixtures';

const modal = (page: Page) => page.getByTestId('urgent-alert-modal');

test('an urgent alert acknowledged elsewhere while a tab could not hear it closes there on reconnecting, behind more unread than a page holds', async ({
  api,
  signIn,
}) => {
  const provider = await restAs(api.url, 'provider@riverside.test');
  const nurseId = (await provider.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  // More unread than the inbox's first page (20): once acknowledged, the alert is listed after them.
  for (let task = 1; task <= 21; task++) {
    const sent = await provider.rest.post('/api/tasks', { assigneeId: nurseId, title: `Restock tray ${task}` });
    expect(sent.status).toBe(201);
  }
  const nurse = await signIn('nurse@riverside.test');
  const frontDesk = await signIn('frontdesk@riverside.test');
  const alert = await provider.rest.post('/api/alerts', { title: 'Call the lab now', to: { userIds: [nurseId] } });
  expect(alert.status).toBe(201);
  await expect(modal(nurse)).toBeVisible();

  // A restart: the tab's reconnection cannot recover what it missed, and must re-sync.
  await api.stop();
  await expect(badge(nurse)).toHaveAttribute('data-state', 'reconnecting');
  await nurse.context().setOffline(true);
  await api.start();
  const nurseElsewhere = await restAs(api.url, 'nurse@riverside.test');
  const unread = (await nurseElsewhere.rest.get<NotificationList>('/api/notifications?unread=true&limit=100')).body;
  const [waiting] = unread.items.filter((n) => n.requiresAck);
  expect(waiting.title).toBe('Call the lab now');
  expect((await nurseElsewhere.rest.post(`/api/notifications/${waiting.id}/ack`, {})).status).toBe(200);

  await nurse.context().setOffline(false);
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(nurse.getByTestId('notification-count')).toHaveText('21');
  await expect(modal(nurse)).toBeHidden();
  // Nobody else was ever asked to acknowledge it.
  await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(modal(frontDesk)).toBeHidden();
});
