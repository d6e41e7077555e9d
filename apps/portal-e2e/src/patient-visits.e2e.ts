import { addDays, calendarDayIn, PatientSummary } from '@derm/shared/contracts';
import { badge, bookOverRest, expect, expectNotReloaded, markDocument, restAs, test } from './fixtures';

const NEW_YORK = 'America/New_York';
const riversideToday = () => calendarDayIn(new Date(), NEW_YORK);

test('a chart lists the patient’s visits from today, kept current live as colleagues book, check in and cancel; another patient’s and another clinic’s stay off it', async ({
  api,
  signIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const patients = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
  const patient = patients.find((p) => p.displayName === 'Marco Bellini')!;
  const someoneElse = patients.find((p) => p.displayName === 'Lena Fischer')!;
  const yesterday = await bookOverRest(frontDesk, addDays(riversideToday(), -1), '07:00', { patientId: patient.id });
  const inAWeek = await bookOverRest(frontDesk, addDays(riversideToday(), 7), '09:00', { patientId: patient.id });

  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/patients/${patient.id}`);
  await expect(nurse.getByTestId('patient-name')).toHaveText('Marco Bellini');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  const visits = nurse.getByTestId('patient-visit');
  await expect(visits).toHaveCount(1);
  await expect(visits.first()).toHaveAttribute('data-appointment-id', inAWeek.id);
  await expect(visits.first()).toContainText('Follow-up with Dr. Ana Ortiz');
  await expect(visits.first()).toContainText('09:00–09:20');
  await expect(nurse.locator(`[data-appointment-id="${yesterday.id}"]`)).toHaveCount(0);
  await markDocument(nurse);

  // Booked at the front desk: on the chart at once, in date order.
  const today = await bookOverRest(frontDesk, riversideToday(), '23:00', { patientId: patient.id });
  await expect(visits).toHaveCount(2);
  await expect(visits.nth(0)).toHaveAttribute('data-appointment-id', today.id);
  await expect(visits.nth(1)).toHaveAttribute('data-appointment-id', inAWeek.id);

  expect((await frontDesk.rest.post(`/api/appointments/${today.id}/check-in`, {})).status).toBe(200);
  await expect(visits.nth(0).getByTestId('patient-visit-status')).toHaveText('Checked in');
  expect((await frontDesk.rest.post(`/api/appointments/${inAWeek.id}/cancel`, { reason: 'Travelling' })).status).toBe(
    200,
  );
  await expect(visits.nth(1)).toHaveAttribute('data-status', 'cancelled');
  await expect(visits.nth(1).getByTestId('patient-visit-status')).toHaveText('Cancelled');

  // Another patient's booking reaches the nurse's socket but not this chart: it comes before the
  // next booking of this patient, which the chart shows.
  const notTheirs = await bookOverRest(frontDesk, addDays(riversideToday(), 3), '10:00', { patientId: someoneElse.id });
  const nextMonth = await bookOverRest(frontDesk, addDays(riversideToday(), 30), '11:00', { patientId: patient.id });
  await expect(visits).toHaveCount(3);
  await expect(visits.nth(2)).toHaveAttribute('data-appointment-id', nextMonth.id);
  await expect(nurse.locator(`[data-appointment-id="${notTheirs.id}"]`)).toHaveCount(0);
  await expectNotReloaded(nurse);

  // Lakeside's front desk can read none of it, nor open the chart.
  const lakeside = await restAs(api.url, 'frontdesk@lakeside.test');
  expect((await lakeside.rest.get(`/api/patients/${patient.id}/appointments`)).status).toBe(404);
  const otherClinic = await signIn('frontdesk@lakeside.test');
  await otherClinic.goto(`/patients/${patient.id}`);
  await expect(otherClinic.getByTestId('patient-error')).toBeVisible();
  await expect(otherClinic.getByTestId('patient-visit')).toHaveCount(0);
});

test('a patient with nothing booked from today says so', async ({ api, signIn }) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const patients = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
  const patient = patients.find((p) => p.displayName === 'Marco Bellini')!;
  const page = await signIn('provider@riverside.test');
  await page.goto(`/patients/${patient.id}`);
  await expect(page.getByTestId('patient-visits-none')).toHaveText('No visits booked from today.');
});

test('a visit on the chart opens its day of the schedule, which the address keeps through a reload until Today', async ({
  api,
  signIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const patients = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
  const patient = patients.find((p) => p.displayName === 'Marco Bellini')!;
  const day = addDays(riversideToday(), 5);
  const visit = await bookOverRest(frontDesk, day, '16:00', { patientId: patient.id });

  const page = await signIn('frontdesk@riverside.test');
  await page.goto(`/patients/${patient.id}`);
  await page.getByTestId('patient-visit-day').click();
  await expect(page).toHaveURL(new RegExp(`/schedule\\?date=${day}$`));
  await expect(page.getByTestId('schedule-date')).toHaveValue(day);
  const row = page.locator(`[data-testid="appointment-row"][data-appointment-id="${visit.id}"]`);
  await expect(row).toContainText('Marco Bellini');

  await page.reload();
  await expect(page.getByTestId('schedule-date')).toHaveValue(day);
  await expect(row).toBeVisible();

  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page).toHaveURL(new RegExp(`/schedule\\?date=${addDays(day, 1)}$`));
  await expect(row).toHaveCount(0);
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(page).toHaveURL(/\/schedule$/);
  await expect(page.getByTestId('schedule-date')).toHaveValue(riversideToday());

  // A day that is not one is today's schedule, not an error.
  await page.goto('/schedule?date=2026-02-30');
  await expect(page.getByTestId('schedule-date')).toHaveValue(riversideToday());
});
