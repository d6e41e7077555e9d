import { AppointmentSummary, calendarDayIn, zonedTime } from '@derm/shared/contracts';
import { login, RestClient } from '@derm/shared/test-client';
import {
  appointmentRow,
  badge,
  bookAppointment,
  expect,
  expectNotReloaded,
  markDocument,
  submitSignIn,
  test,
} from './fixtures';

/** A time of Riverside's today, on its clock (America/New_York), as the schedule shows it. */
const riversideToday = (time: string) =>
  zonedTime(calendarDayIn(new Date(), 'America/New_York'), time, 'America/New_York');

test.describe('schedule in real time', () => {
  test('staff of one clinic see each other’s bookings and check-ins live; the other clinic sees none', async ({
    signIn,
  }) => {
    const frontDesk = await signIn('frontdesk@riverside.test');
    const nurse = await signIn('nurse@riverside.test');
    const otherClinic = await signIn('frontdesk@lakeside.test');

    for (const page of [frontDesk, nurse, otherClinic]) {
      await expect(badge(page)).toHaveAttribute('data-state', 'connected');
    }
    await expect(nurse.getByTestId('current-clinic')).toHaveText('Riverside Dermatology');
    await expect(otherClinic.getByTestId('current-clinic')).toHaveText('Lakeside Skin Clinic');
    await expect(nurse.getByTestId('appointment-row').first()).toBeVisible();
    await markDocument(nurse);
    // Counted once the other clinic's day has loaded, not before.
    await expect(otherClinic.getByTestId('appointment-row').first()).toBeVisible();
    const otherClinicRows = await otherClinic.getByTestId('appointment-row').count();

    const booked = await bookAppointment(frontDesk, '22:40');
    await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'scheduled');
    await expect(appointmentRow(nurse, booked.id)).toHaveAttribute('data-status', 'scheduled');
    await expect(appointmentRow(nurse, booked.id)).toContainText(booked.patientName);
    await expect(appointmentRow(nurse, booked.id)).toContainText('22:40');

    await appointmentRow(frontDesk, booked.id).getByTestId('appointment-check-in').click();
    await expect(appointmentRow(nurse, booked.id)).toHaveAttribute('data-status', 'checked-in');
    await expect(appointmentRow(nurse, booked.id).getByTestId('appointment-check-in')).toHaveCount(0);
    await expectNotReloaded(nurse);

    // Delivered to the nurse by now; the other clinic must not have it, live or after a reload.
    await expect(appointmentRow(otherClinic, booked.id)).toHaveCount(0);
    await expect(otherClinic.getByTestId('appointment-row')).toHaveCount(otherClinicRows);
    await otherClinic.reload();
    await expect(badge(otherClinic)).toHaveAttribute('data-state', 'connected');
    await expect(otherClinic.getByTestId('appointment-row')).toHaveCount(otherClinicRows);
    await expect(appointmentRow(otherClinic, booked.id)).toHaveCount(0);
  });

  test('a cancellation reaches the other staff member with its status', async ({ signIn }) => {
    const frontDesk = await signIn('frontdesk@riverside.test');
    const provider = await signIn('provider@riverside.test');
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');

    const booked = await bookAppointment(frontDesk, '21:10');
    await expect(appointmentRow(provider, booked.id)).toBeVisible();

    const row = appointmentRow(frontDesk, booked.id);
    await row.getByTestId('appointment-cancel').click();
    // The question's controls name the visit they are about: "Confirm" alone does not say which.
    const visit = `${booked.patientName} 21:10–21:40`;
    await expect(frontDesk.getByRole('button', { name: `Keep ${visit}`, exact: true })).toBeVisible();
    await frontDesk
      .getByRole('textbox', { name: `Reason for cancelling ${visit}` })
      .fill('Patient called to reschedule');
    await frontDesk.getByRole('button', { name: `Confirm cancelling ${visit}`, exact: true }).click();

    await expect(appointmentRow(provider, booked.id)).toHaveAttribute('data-status', 'cancelled');
    await expect(appointmentRow(frontDesk, booked.id)).toHaveAttribute('data-status', 'cancelled');
  });
});

test.describe('connection', () => {
  test('shows reconnecting while the API is down, then reconnects and re-syncs the schedule', async ({
    api,
    signIn,
  }) => {
    const nurse = await signIn('nurse@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(nurse.getByTestId('appointment-row').first()).toBeVisible();
    await markDocument(nurse);

    await api.stop();
    await expect(badge(nurse)).toHaveAttribute('data-state', 'reconnecting');
    await expect(nurse.getByTestId('offline-banner')).toBeVisible();
    await nurse.getByTestId('connection-toggle').click();
    const status = nurse.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-state', 'reconnecting');
    await expect(status.getByTestId('connection-attempt')).toHaveText(/^\d+$/);
    // Dec 1, 14:30:05: the device's own time, to the second.
    await expect(status.getByTestId('connection-last-connected').locator('time')).toHaveText(
      /^[A-Z][a-z]{2} \d{1,2}, \d{2}:\d{2}:\d{2}$/,
    );

    // Keep the browser away until the booking exists, so that only a re-sync can show it.
    await nurse.context().setOffline(true);
    await api.start();
    const frontDesk = await login(api.url, 'frontdesk@riverside.test');
    const rest = new RestClient(api.url, frontDesk.accessToken);
    const patients = await rest.get<{ id: string }[]>('/api/patients');
    const staff = await rest.get<{ id: string; role: string }[]>('/api/staff');
    const providerId = staff.body.find((member) => member.role === 'provider')?.id;
    const created = await rest.post<AppointmentSummary>('/api/appointments', {
      patientId: patients.body[0]!.id,
      providerId,
      startsAt: riversideToday('15:05').toISOString(),
      endsAt: riversideToday('15:25').toISOString(),
      type: 'skin-check',
      confirmPast: true,
    });
    expect(created.status).toBe(201);
    // The browser's `offline` event: no false "Reconnecting…" against a network that is not there.
    await expect(badge(nurse)).toHaveAttribute('data-state', 'offline');
    await expect(appointmentRow(nurse, created.body.id)).toHaveCount(0);

    await nurse.context().setOffline(false);
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
    await expect(status).toHaveAttribute('data-state', 'connected');
    await expect(nurse.getByTestId('offline-banner')).toHaveCount(0);
    await expect(appointmentRow(nurse, created.body.id)).toHaveAttribute('data-status', 'scheduled');
    await expectNotReloaded(nurse);

    // And live again: a check-in after the restart arrives as an event.
    const checkIn = await rest.post<AppointmentSummary>(`/api/appointments/${created.body.id}/check-in`);
    expect(checkIn.status).toBe(200);
    await expect(appointmentRow(nurse, created.body.id)).toHaveAttribute('data-status', 'checked-in');
    await expectNotReloaded(nurse);
  });

  test('the Reconnect button reconnects at once', async ({ signIn }) => {
    const nurse = await signIn('nurse@riverside.test');
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await nurse.getByTestId('connection-toggle').click();
    // The exact time (the `datetime` attribute, in milliseconds), not the text shown to the second.
    const lastConnected = nurse.getByTestId('connection-last-connected').locator('time');
    const before = await lastConnected.getAttribute('datetime');
    expect(before).toBeTruthy();
    const opened: string[] = [];
    nurse.on('websocket', (socket) => opened.push(socket.url()));

    await nurse.getByTestId('connection-reconnect').click();
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(lastConnected).not.toHaveAttribute('datetime', before ?? '');
    expect(opened).toHaveLength(1);
  });
});

test('the booking form finds the patient by name or MRN, tells namesakes apart, and keeps the choice while searching again', async ({
  signIn,
}) => {
  const page = await signIn('frontdesk@riverside.test');
  const form = page.getByTestId('new-appointment-form');
  const search = form.getByRole('searchbox', { name: 'Find a patient by name or MRN' });
  const patient = form.getByTestId('new-appointment-patient');
  const offered = patient.locator('option:not([disabled])');
  const samuel = 'Samuel Okafor · 1967-11-23 · RIV-1003';
  await expect(offered).toHaveCount(5);

  await search.fill('okaf');
  await expect(offered).toHaveText([samuel]);
  await patient.selectOption({ label: samuel });
  await search.fill('RIV-1001');
  await expect(offered).toHaveText([samuel, 'Jordan Blake · 1984-03-12 · RIV-1001']);
  // Another clinic's patient is not found here.
  await search.fill('Olivia Hart');
  await expect(form.getByTestId('new-appointment-patient-hint')).toHaveText(
    'No patient’s name or MRN matches “Olivia Hart”.',
  );
  await expect(offered).toHaveText([samuel]);

  const booked = await bookAppointment(page, '17:40', { patientChosen: true });
  expect(booked.patientName).toBe('Samuel Okafor');
  await expect(appointmentRow(page, booked.id).getByTestId('appointment-patient')).toHaveText('Samuel Okafor');
  // The form starts afresh for the next booking.
  await expect(search).toHaveValue('');
  await expect(patient).toHaveValue('');
  await expect(offered).toHaveCount(5);
});

test('login refuses a wrong password and signs out back to the login page', async ({ page, signIn }) => {
  await page.goto('/login');
  await submitSignIn(page, 'nurse@riverside.test', 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText('Email or password is incorrect.');
  await page.goto('/schedule');
  await expect(page).toHaveURL(/\/login$/);

  const nurse = await signIn('nurse@riverside.test');
  await expect(nurse.getByTestId('current-user')).not.toBeEmpty();
  await nurse.getByTestId('logout').click();
  await expect(nurse).toHaveURL(/\/login$/);
  await nurse.goto('/schedule');
  await expect(nurse).toHaveURL(/\/login$/);
});
