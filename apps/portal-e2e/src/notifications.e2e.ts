import { PatientSummary, StaffMember } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { badge, expect, openSendAlertForm, restAs, signInOnPage, test } from './fixtures';

const bellCount = (page: Page) => page.getByTestId('notification-count');
const modal = (page: Page) => page.getByTestId('urgent-alert-modal');
const item = (page: Page, title: string) => page.getByTestId('notification-item').filter({ hasText: title });

test.describe('urgent alerts', () => {
  test('an admin alerts the nurse: the modal stays on her page until she acknowledges, and the admin sees it', async ({
    signIn,
  }) => {
    const admin = await signIn('admin@riverside.test');
    const nurse = await signIn('nurse@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await nurse.getByRole('link', { name: 'Patients' }).click();
    await expect(nurse).toHaveURL(/\/patients$/);
    await expect(modal(nurse)).toBeHidden();

    const form = await openSendAlertForm(admin);
    await form.getByTestId('alert-title').fill('Patient collapsed in room 3');
    await form.getByTestId('alert-body').fill('Bring the crash cart');
    await form.getByTestId('alert-target').selectOption('person');
    await form.getByTestId('alert-recipient').selectOption({ label: 'Nora Quinn' });
    await form.getByTestId('alert-send').click();
    await expect(admin).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);
    const recipientRow = admin.getByTestId('alert-recipient-row').filter({ hasText: 'Nora Quinn' });
    await expect(recipientRow).toHaveAttribute('data-state', 'delivered');

    await expect(modal(nurse)).toBeVisible();
    await expect(modal(nurse).getByTestId('urgent-alert-title')).toHaveText('Patient collapsed in room 3');
    await expect(modal(nurse).getByTestId('urgent-alert-body')).toHaveText('Bring the crash cart');
    await expect(nurse).toHaveURL(/\/patients$/);

    // Neither Escape nor a reload gets rid of it.
    await nurse.keyboard.press('Escape');
    await expect(modal(nurse)).toBeVisible();
    await nurse.reload();
    await expect(modal(nurse)).toBeVisible();
    await expect(recipientRow).toHaveAttribute('data-state', 'delivered');

    await modal(nurse).getByTestId('urgent-alert-ack').click();
    await expect(modal(nurse)).toBeHidden();
    await expect(recipientRow).toHaveAttribute('data-state', 'acknowledged');
    await expect(admin.getByTestId('alert-status-progress')).toHaveText('1/1 acknowledged');

    await nurse.reload();
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(modal(nurse)).toBeHidden();
  });

  test('acknowledging on one tab closes the alert on the nurse’s other tab', async ({ api, signIn }) => {
    const firstTab = await signIn('nurse@riverside.test');
    const secondTab = await signIn('nurse@riverside.test');
    await expect(badge(secondTab)).toHaveAttribute('data-state', 'connected');
    const provider = await restAs(api.url, 'provider@riverside.test');
    const nurseId = (await provider.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
    const sent = await provider.rest.post('/api/alerts', { title: 'Call the lab now', to: { userIds: [nurseId] } });
    expect(sent.status).toBe(201);

    await expect(modal(firstTab)).toBeVisible();
    await expect(modal(secondTab)).toBeVisible();
    await modal(firstTab).getByTestId('urgent-alert-ack').click();
    await expect(modal(firstTab)).toBeHidden();
    await expect(modal(secondTab)).toBeHidden();
  });
});

test.describe('urgent alerts in the tab’s title', () => {
  test('the title counts the alerts awaiting the nurse until she acknowledges them, and not on a colleague’s tab', async ({
    api,
    signIn,
  }) => {
    const nurse = await signIn('nurse@riverside.test');
    const desk = await signIn('frontdesk@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(badge(desk)).toHaveAttribute('data-state', 'connected');
    await nurse.getByRole('link', { name: 'Patients' }).click();
    await expect(nurse).toHaveTitle('Patients');

    const provider = await restAs(api.url, 'provider@riverside.test');
    const staff = (await provider.rest.get<StaffMember[]>('/api/staff')).body;
    const idOf = (role: string) => staff.find((m) => m.role === role)!.id;
    for (const title of ['Call the lab now', 'Room 2 needs you']) {
      expect((await provider.rest.post('/api/alerts', { title, to: { userIds: [idOf('nurse')] } })).status).toBe(201);
    }
    await expect(nurse).toHaveTitle('(2) Urgent alerts · Patients');
    // One for the desk after them: had the nurse's reached it too, its title would count three.
    expect(
      (await provider.rest.post('/api/alerts', { title: 'Front door', to: { userIds: [idOf('front-desk')] } })).status,
    ).toBe(201);
    await expect(modal(desk).getByTestId('urgent-alert-title')).toHaveText('Front door');
    await expect(desk).toHaveTitle('(1) Urgent alert · Schedule');

    await modal(nurse).getByTestId('urgent-alert-ack').click();
    await expect(nurse).toHaveTitle('(1) Urgent alert · Patients');
    await modal(desk).getByTestId('urgent-alert-ack').click();
    await expect(desk).toHaveTitle('Schedule');
    await modal(nurse).getByTestId('urgent-alert-ack').click();
    await expect(nurse).toHaveTitle('Patients');

    // On a shared computer, the next person's title starts from their own alerts.
    await nurse.getByTestId('logout').click();
    await expect(nurse).toHaveTitle('Sign in');
    await signInOnPage(nurse, 'frontdesk@riverside.test');
    await expect(nurse).toHaveTitle('Schedule');
  });
});

test.describe('notification bell', () => {
  test('counts unread, follows mark-read on every tab, and a notification opens its page', async ({ api, signIn }) => {
    const nurse = await signIn('nurse@riverside.test');
    const otherTab = await signIn('nurse@riverside.test');
    await expect(badge(otherTab)).toHaveAttribute('data-state', 'connected');
    await expect(bellCount(nurse)).toHaveText('0');

    const desk = await restAs(api.url, 'frontdesk@riverside.test');
    const nurseId = (await desk.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
    const patient = (await desk.rest.get<PatientSummary[]>('/api/patients')).body[0];
    for (const title of ['Restock biopsy kits', 'Prepare room 2']) {
      expect((await desk.rest.post('/api/tasks', { assigneeId: nurseId, title })).status).toBe(201);
    }
    expect(
      (await desk.rest.post('/api/tasks', { assigneeId: nurseId, title: 'Call the patient', patientId: patient.id }))
        .status,
    ).toBe(201);
    await expect(bellCount(nurse)).toHaveText('3');
    await expect(bellCount(otherTab)).toHaveText('3');

    await nurse.getByTestId('notification-bell').click();
    const panel = nurse.getByTestId('notification-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('notification-item').first()).toContainText('Call the patient');
    await item(nurse, 'Restock biopsy kits').getByTestId('notification-mark-read').click();
    await expect(item(nurse, 'Restock biopsy kits')).toHaveAttribute('data-unread', 'false');
    await expect(bellCount(nurse)).toHaveText('2');
    await expect(bellCount(otherTab)).toHaveText('2');
    await expect(panel.getByTestId('notification-item').last()).toContainText('Restock biopsy kits');

    await item(nurse, 'Call the patient').getByTestId('notification-link').click();
    await expect(nurse).toHaveURL(new RegExp(`/patients/${patient.id}$`));
    await expect(panel).toBeHidden();
    await expect(bellCount(nurse)).toHaveText('1');
    await expect(bellCount(otherTab)).toHaveText('1');

    await otherTab.getByTestId('notification-bell').click();
    await otherTab.getByTestId('notification-mark-all-read').click();
    await expect(bellCount(otherTab)).toHaveText('0');
    await expect(bellCount(nurse)).toHaveText('0');
    // Told "all up to now" rather than each id, the first tab's list follows too.
    await nurse.getByTestId('notification-bell').click();
    await expect(item(nurse, 'Prepare room 2')).toHaveAttribute('data-unread', 'false');
  });

  test('a lab result pops up a toast for the provider, and a missed notification is there after signing in', async ({
    api,
    signIn,
  }) => {
    const provider = await signIn('provider@riverside.test');
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');
    const nurse = await restAs(api.url, 'nurse@riverside.test');
    const patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
    const providerId = (await nurse.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'provider')!.id;
    await nurse.rest.post('/api/lab-results', {
      patientId: patient.id,
      orderingProviderId: providerId,
      testName: 'Skin biopsy pathology',
    });

    const toast = provider.getByTestId('notification-toast');
    await expect(toast).toContainText('Lab result ready: Skin biopsy pathology');
    await expect(toast).toContainText(patient.displayName);
    await toast.getByRole('button', { name: /Lab result ready/ }).click();
    await expect(provider).toHaveURL(new RegExp(`/patients/${patient.id}$`));
    await expect(bellCount(provider)).toHaveText('0');

    await nurse.rest.post('/api/tasks', {
      assigneeId: (await restAs(api.url, 'frontdesk@riverside.test')).user.id,
      title: 'Confirm tomorrow’s list',
    });
    const frontDesk = await signIn('frontdesk@riverside.test');
    await expect(bellCount(frontDesk)).toHaveText('1');
    await frontDesk.getByTestId('notification-bell').click();
    await frontDesk.getByTestId('notification-view-all').click();
    await expect(frontDesk).toHaveURL(/\/notifications$/);
    const onPage = frontDesk.getByTestId('notifications-list').getByTestId('notification-item');
    await expect(onPage.filter({ hasText: 'Confirm tomorrow’s list' })).toHaveAttribute('data-unread', 'true');
    await expect(frontDesk.getByTestId('notification-panel')).toBeHidden();
  });
});

test('an admin announces to the clinic: every colleague’s bell rises live, the other clinic hears nothing, and only admins see the form', async ({
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const otherClinic = await signIn('nurse@lakeside.test');
  for (const page of [nurse, otherClinic]) await expect(bellCount(page)).toHaveText('0');

  await nurse.getByRole('link', { name: 'Alerts' }).click();
  await expect(nurse.getByTestId('send-alert-form')).toBeVisible();
  await expect(nurse.getByTestId('send-announcement-form')).toHaveCount(0);

  await admin.getByRole('link', { name: 'Alerts' }).click();
  const form = admin.getByTestId('send-announcement-form');
  await form.getByTestId('announcement-title').fill('Parking lot closed Friday');
  await form.getByTestId('announcement-body').fill('Please use the garage on Elm Street.');
  await form.getByTestId('announcement-send').click();
  await expect(form.getByTestId('announcement-sent')).toContainText('Sent to');

  await expect(bellCount(nurse)).toHaveText('1');
  await nurse.getByTestId('notification-bell').click();
  await expect(item(nurse, 'Parking lot closed Friday')).toBeVisible();
  await expect(modal(nurse)).toBeHidden();
  await expect(bellCount(otherClinic)).toHaveText('0');
});
