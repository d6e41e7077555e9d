import { AlertSummary, ChatMessage, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
import { TcpBalancer } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { expectAccessible, focusedTestId } from './accessibility';
import { badge, everyPage, expect, restAs, signInOnPage, testThroughProxy } from './fixtures';

/**
 * axe-core on every page, live and offline. Offline for real: the tab reaches the API through a
 * proxy the test cuts (`setOffline` would leave the WebSocket open and the badge "Live").
 */
const test = testThroughProxy;

async function signInHere(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await expectAccessible(page, '/login');
  await signInOnPage(page, email);
}

/** Loaded: the page's title is set and nothing on it is still loading. */
async function expectLoaded(page: Page, title: string): Promise<void> {
  await expect(page).toHaveTitle(title);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

async function goOffline(page: Page, network: TcpBalancer): Promise<void> {
  network.refuse(true);
  network.cut();
  await expect(badge(page)).toHaveAttribute('data-state', /reconnecting|disconnected/);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
}

async function goLive(page: Page, network: TcpBalancer): Promise<void> {
  network.refuse(false);
  // "Retry now" rather than waiting out the backoff. Evaluated, not a locator click: the banner may
  // already be leaving, when a scheduled retry got through first.
  await page.evaluate(() =>
    document.querySelector<HTMLButtonElement>('[data-testid="offline-banner"] button')?.click(),
  );
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
}

test('every page has no serious or critical accessibility violation, live and offline', async ({
  api,
  network,
  tab,
}) => {
  // Eighteen axe-core runs and nine drops and reconnections: longer than one flow.
  test.setTimeout(300_000);
  const admin = await restAs(api.url, 'admin@riverside.test');
  const staff = (await admin.rest.get<StaffMember[]>('/api/staff')).body;
  const nurse = staff.find((member) => member.role === 'nurse')!;
  const patient = (await admin.rest.get<PatientSummary[]>('/api/patients')).body[0]!;
  const thread = (
    await admin.rest.post<ThreadSummary>('/api/threads', { participantIds: [nurse.id], subject: 'Room 2' })
  ).body;
  // Both sides of the conversation, and "Seen by" under the admin's own message.
  await admin.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'Is room 2 ready?' });
  const nurseRest = await restAs(api.url, 'nurse@riverside.test');
  const reply = await nurseRest.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'Ready now.' });
  expect(reply.status).toBe(201);
  const alert = await admin.rest.post<AlertSummary>('/api/alerts', {
    title: 'Fire drill at 3',
    to: { userIds: [nurse.id] },
  });
  expect(alert.status).toBe(201);

  await signInHere(tab, 'admin@riverside.test');
  const pages = everyPage({ threadId: thread.id, patientId: patient.id, alertId: alert.body.id });
  for (const [path, title] of pages) {
    await test.step(path, async () => {
      await tab.goto(path);
      await expect(badge(tab)).toHaveAttribute('data-state', 'connected');
      await expectLoaded(tab, title);
      await expectAccessible(tab, `${path}, live`);

      await goOffline(tab, network);
      await expectAccessible(tab, `${path}, offline`);
      await goLive(tab, network);
    });
  }
});

test('the header panels and the urgent alert are accessible, and the alert puts focus on Acknowledge', async ({
  api,
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');

  const panels: [string, string][] = [
    ['notification-bell', 'notification-panel'],
    ['online-staff-toggle', 'online-staff'],
    ['connection-toggle', 'connection-status'],
  ];
  for (const [toggle, panel] of panels) {
    await nurse.getByTestId(toggle).click();
    await expect(nurse.getByTestId(panel)).toBeVisible();
    await expectAccessible(nurse, `${panel} open`);
    await nurse.keyboard.press('Escape');
    await expect(nurse.getByTestId(panel)).toBeHidden();
  }

  // Visible text is part of each control's accessible name (WCAG 2.5.3, label in name).
  await expect(nurse.getByRole('button', { name: /^Online · 1/ })).toBeVisible();
  await expect(nurse.getByRole('button', { name: /^Live\b/ })).toBeVisible();

  const admin = await restAs(api.url, 'admin@riverside.test');
  const nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  const sent = await admin.rest.post('/api/alerts', { title: 'Patient fell in room 4', to: { userIds: [nurseId] } });
  expect(sent.status).toBe(201);
  const modal = nurse.getByTestId('urgent-alert-modal');
  await expect(modal).toBeVisible();
  await expect.poll(() => focusedTestId(nurse)).toBe('urgent-alert-ack');
  await expectAccessible(nurse, 'urgent alert modal');
});
