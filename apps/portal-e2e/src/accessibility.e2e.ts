import {
  AlertSummary,
  AppointmentSummary,
  calendarDayIn,
  ChatMessage,
  PatientSummary,
  StaffMember,
  ThreadSummary,
} from '@derm/shared/contracts';
import { TcpBalancer } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { expectAccessible, focusedTestId } from './accessibility';
import {
  appointmentRow,
  badge,
  bookOverRest,
  everyPage,
  expect,
  RestStaff,
  restAs,
  signInOnPage,
  testThroughProxy,
} from './fixtures';

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

/** A visit as its row shows it: the patient, then its times on the clinic's clock. */
function visitAsShown(visit: AppointmentSummary, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return `${visit.patientName} ${time.format(new Date(visit.startsAt))}–${time.format(new Date(visit.endsAt))}`;
}

async function bookFor(staff: RestStaff, patient: PatientSummary, day: string, time: string) {
  return bookOverRest(staff, day, time, { patientId: patient.id });
}

test('each schedule row’s buttons say which visit they act on, and no other clinic’s visit is named', async ({
  api,
  signIn,
}) => {
  const riversideDay = calendarDayIn(new Date(), 'America/New_York');
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const [firstPatient, secondPatient] = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
  const visits = [
    await bookFor(frontDesk, firstPatient!, riversideDay, '22:00'),
    await bookFor(frontDesk, secondPatient!, riversideDay, '22:30'),
  ];
  const lakesideDesk = await restAs(api.url, 'frontdesk@lakeside.test');
  const [lakesidePatient] = (await lakesideDesk.rest.get<PatientSummary[]>('/api/patients')).body;
  const lakesideVisit = await bookFor(lakesideDesk, lakesidePatient!, riversideDay, '22:00');

  const page = await signIn('frontdesk@riverside.test');
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  for (const visit of visits) {
    const row = appointmentRow(page, visit.id);
    const shown = visitAsShown(visit, 'America/New_York');
    // The patient heads the row: a screen reader names the visit while moving through its cells.
    await expect(row.getByRole('rowheader')).toHaveText(visit.patientName);
    for (const [testId, action] of [
      ['appointment-check-in', 'Check in'],
      ['appointment-move', 'Move'],
      ['appointment-cancel', 'Cancel'],
    ]) {
      await expect(row.getByTestId(testId!)).toHaveAccessibleName(`${action} ${shown}`);
      // Listed among the page's buttons, the name finds this visit's button and no other.
      await expect(page.getByRole('button', { name: `${action} ${shown}`, exact: true })).toHaveCount(1);
    }
  }
  await expectAccessible(page, '/schedule with visits');
  await expect(page.getByRole('button', { name: lakesidePatient!.displayName })).toHaveCount(0);
  await expect(appointmentRow(page, lakesideVisit.id)).toHaveCount(0);

  // The other clinic's schedule names its own visit, and neither of these.
  const lakeside = await signIn('frontdesk@lakeside.test');
  await expect(badge(lakeside)).toHaveAttribute('data-state', 'connected');
  await lakeside.goto(`/schedule?date=${calendarDayIn(new Date(lakesideVisit.startsAt), 'Europe/Berlin')}`);
  await expect(appointmentRow(lakeside, lakesideVisit.id).getByRole('rowheader')).toHaveText(
    lakesidePatient!.displayName,
  );
  for (const visit of visits) {
    await expect(appointmentRow(lakeside, visit.id)).toHaveCount(0);
    await expect(lakeside.getByRole('button', { name: visit.patientName })).toHaveCount(0);
  }
  await expect(lakeside.getByRole('button', { name: lakesidePatient!.displayName }).first()).toBeVisible();
});
