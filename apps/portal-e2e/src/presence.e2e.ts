import { auditBack, auditFailing } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { badge, expect, test } from './fixtures';

/** The signed-in user's id, as the portal keeps it for this tab. */
async function userIdOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => sessionStorage.getItem('derm.session'));
  return (JSON.parse(stored ?? '{}') as { user: { id: string } }).user.id;
}

/** Goes to the patients list through the navigation and opens one chart (the first by default). */
async function openPatient(page: Page, patientId?: string): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  const rows = page.getByTestId('patient-row');
  const row = patientId ? page.locator(`[data-testid="patient-row"][data-patient-id="${patientId}"]`) : rows.first();
  const id = await row.getAttribute('data-patient-id');
  await row.getByTestId('patient-link').click();
  await expect(page).toHaveURL(new RegExp(`/patients/${id}$`));
  await expect(page.getByTestId('patient-name')).toBeVisible();
  return id!;
}

const alsoViewing = (page: Page, userId: string) =>
  page.getByTestId('also-viewing').locator(`[data-testid="also-viewing-member"][data-user-id="${userId}"]`);

test.describe('presence', () => {
  test('two staff on the same chart see each other under "Also viewing", until one leaves', async ({ signIn }) => {
    const nurse = await signIn('nurse@riverside.test');
    const provider = await signIn('provider@riverside.test');
    const [nurseId, providerId] = [await userIdOf(nurse), await userIdOf(provider)];
    await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
    await expect(badge(provider)).toHaveAttribute('data-state', 'connected');

    const patientId = await openPatient(nurse);
    await expect(nurse.getByTestId('also-viewing-none')).toBeVisible();
    await openPatient(provider, patientId);

    await expect(alsoViewing(nurse, providerId)).toContainText('Dr. Ana Ortiz');
    await expect(alsoViewing(provider, nurseId)).toContainText('Nora Quinn');
    // Nobody is listed as viewing alongside themselves.
    await expect(alsoViewing(nurse, nurseId)).toHaveCount(0);

    await provider.getByRole('link', { name: '← All patients' }).click();
    await expect(provider).toHaveURL(/\/patients$/);
    await expect(alsoViewing(nurse, providerId)).toHaveCount(0);
    await expect(nurse.getByTestId('also-viewing-none')).toBeVisible();

    // Another chart is another room: coming back to the list and opening a different one shows nobody.
    const otherPatient = await provider.getByTestId('patient-row').nth(1).getAttribute('data-patient-id');
    await openPatient(provider, otherPatient!);
    await expect(provider.getByTestId('also-viewing-none')).toBeVisible();
    await expect(alsoViewing(nurse, providerId)).toHaveCount(0);
  });

  test('the online panel shows a colleague, and shows them gone when their browser closes', async ({ signIn }) => {
    const nurse = await signIn('nurse@riverside.test');
    const frontDesk = await signIn('frontdesk@riverside.test');
    const otherClinic = await signIn('frontdesk@lakeside.test');
    const [nurseId, frontDeskId] = [await userIdOf(nurse), await userIdOf(frontDesk)];

    await nurse.getByTestId('online-staff-toggle').click();
    const panel = nurse.getByTestId('online-staff');
    await expect(panel).toBeVisible();
    const colleague = panel.locator(`[data-testid="online-staff-member"][data-user-id="${frontDeskId}"]`);
    await expect(colleague).toContainText('Felix Park');
    await expect(colleague.getByTestId('online-staff-role')).toHaveText('Front desk');
    await expect(colleague.getByTestId('online-staff-message')).toHaveAttribute('href', `/messages?to=${frontDeskId}`);
    await expect(panel.locator(`[data-user-id="${nurseId}"]`)).toContainText('You');
    await expect(panel.getByTestId('online-staff-member')).toHaveCount(2);
    await expect(panel).not.toContainText('Theo Grant');

    await frontDesk.context().close();
    // Offline once the grace period (5 s by default) is over without a new connection.
    await expect(colleague).toHaveCount(0, { timeout: 15_000 });
    await expect(panel.getByTestId('online-staff-member')).toHaveCount(1);
    await expect(nurse.getByTestId('online-staff-toggle')).toHaveText('Online · 1');
    await expect(otherClinic.getByTestId('online-staff-toggle')).toHaveText('Online · 1');
  });

  test('an admin sees each chart view in the audit; other staff cannot open it', async ({ signIn }) => {
    const provider = await signIn('provider@riverside.test');
    const providerId = await userIdOf(provider);
    const patientId = await openPatient(provider);
    await provider.getByRole('link', { name: '← All patients' }).click();
    await expect(provider.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toHaveCount(
      0,
    );
    await provider.goto('/audit');
    await expect(provider).toHaveURL(/\/schedule$/);

    const admin = await signIn('admin@riverside.test');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await admin.getByTestId('audit-patient').selectOption(patientId);
    await admin.getByTestId('audit-user').selectOption(providerId);
    await admin.getByTestId('audit-apply').click();
    const rows = admin.getByTestId('audit-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Dr. Ana Ortiz');
    await expect(rows.first()).toHaveAttribute('data-patient-id', patientId);
    await expect(rows.first().getByTestId('audit-ended')).not.toContainText('Still open');
    await expect(rows.first().getByTestId('audit-duration')).toHaveText(/^\d+ s$|min/);
    // Chromium on the test machine, and a short tag of the provider's sign-in rather than a socket id.
    await expect(rows.first().getByTestId('audit-session')).toHaveText(/^Chrome \d+ on Linux · session [0-9a-f]{8}$/);
  });

  test('a chart view the audit cannot record says so and lists nobody, until the chart is opened again', async ({
    api,
    signIn,
  }) => {
    const provider = await signIn('provider@riverside.test');
    const nurse = await signIn('nurse@riverside.test');
    const [providerId, nurseId] = [await userIdOf(provider), await userIdOf(nurse)];
    const patientId = await openPatient(provider);
    await expect(provider.getByTestId('also-viewing-none')).toBeVisible();

    await auditFailing(api.database, 'INSERT');
    await openPatient(nurse, patientId);
    await expect(nurse.getByTestId('also-viewing-error')).toHaveText(
      'This view of the chart could not be recorded, so who else is viewing it cannot be shown. ' +
        'Open the chart again in a moment.',
    );
    // Not "no one else", which would be untrue: the provider has it open.
    await expect(nurse.getByTestId('also-viewing-none')).toHaveCount(0);
    await expect(alsoViewing(nurse, providerId)).toHaveCount(0);
    // An unrecorded view is never shown to anyone.
    await expect(provider.getByTestId('also-viewing-none')).toBeVisible();
    await expect(alsoViewing(provider, nurseId)).toHaveCount(0);

    await auditBack(api.database);
    await nurse.getByRole('link', { name: '← All patients' }).click();
    await openPatient(nurse, patientId);
    await expect(alsoViewing(nurse, providerId)).toContainText('Dr. Ana Ortiz');
    await expect(alsoViewing(provider, nurseId)).toContainText('Nora Quinn');
    await expect(nurse.getByTestId('also-viewing-error')).toHaveCount(0);
  });
});
