import { PatientSummary } from '@derm/shared/contracts';
import { StaffSession } from '@derm/shared/test-client';
import { expect, test } from './fixtures';

// More chart views are opened below, over the socket, than one person's command budget allows.
test.use({ apiEnv: { WS_RATE_LIMIT_POINTS: '1000' } });

/** Opens every patient's chart on each of `tabs` sockets of the person: a view each. */
async function viewEveryChart(session: StaffSession, patients: readonly PatientSummary[], tabs: number): Promise<void> {
  for (let tab = 0; tab < tabs; tab++) {
    const socket = await session.connect();
    for (const patient of patients) {
      const started = await socket.command('patient:view-start', { patientId: patient.id });
      expect(started.ok).toBe(true);
    }
  }
}

test('an admin follows a chart to its audit, narrows the audit to a patient found by name, and reads older views a page at a time', async ({
  api,
  signIn,
}) => {
  const nurse = await StaffSession.signIn(api.url, 'nurse@riverside.test');
  const provider = await StaffSession.signIn(api.url, 'provider@riverside.test');
  const frontDesk = await StaffSession.signIn(api.url, 'frontdesk@riverside.test');
  const patients = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
  const patient = (name: string) => patients.find(({ displayName }) => displayName === name)!;
  // 105 views of the clinic's 5 patients: more than the page's 100.
  await viewEveryChart(nurse, patients, 10);
  await viewEveryChart(provider, patients, 10);
  await viewEveryChart(frontDesk, patients, 1);

  const admin = await signIn('admin@riverside.test');
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  await admin.getByTestId('patient-link').filter({ hasText: 'Samuel Okafor' }).click();
  await admin.getByTestId('patient-audit-link').click();

  // The chart's own audit: 21 views, and the admin's own just now.
  const okafor = patient('Samuel Okafor');
  await expect(admin).toHaveURL(new RegExp(`/audit\\?patientId=${okafor.id}$`));
  await expect(admin.getByTestId('audit-patient')).toHaveValue(okafor.id);
  const rows = admin.getByTestId('audit-row');
  await expect(rows).toHaveCount(22);
  await expect(admin.getByTestId('audit-patient-name')).toHaveText(Array(22).fill('Samuel Okafor'));
  await expect(admin.getByTestId('audit-older')).toHaveCount(0);

  // Everyone's views: the newest 100, then the 6 older ones on request.
  await admin.getByRole('button', { name: 'Clear' }).click();
  await expect(admin).toHaveURL(/\/audit$/);
  await expect(rows).toHaveCount(100);
  await admin.getByTestId('audit-older').click();
  await expect(rows).toHaveCount(106);
  await expect(admin.getByTestId('audit-older')).toHaveCount(0);

  // A patient found by name, without the clinic's patients loaded into the page.
  const priya = patient('Priya Natarajan');
  await admin.getByTestId('audit-patient-search').fill('natara');
  await expect(admin.getByTestId('audit-patient').locator('option')).toHaveText([
    'All patients',
    /^Priya Natarajan · 1991-07-02 · /,
  ]);
  await admin.getByTestId('audit-patient').selectOption(priya.id);
  await admin.getByTestId('audit-apply').click();
  await expect(admin).toHaveURL(new RegExp(`/audit\\?patientId=${priya.id}$`));
  await expect(admin.getByTestId('audit-patient-name')).toHaveText(Array(21).fill('Priya Natarajan'));

  // The address keeps the filter.
  await admin.reload();
  await expect(admin.getByTestId('audit-patient')).toHaveValue(priya.id);
  await expect(rows).toHaveCount(21);

  // Another clinic's admin finds none of these patients, and reads none of these views.
  const otherAdmin = await signIn('admin@lakeside.test');
  await otherAdmin.goto(`/audit?patientId=${priya.id}`);
  await expect(otherAdmin.getByTestId('audit-error')).toHaveText(
    'Could not load the audit: the patient or staff member asked for is not of this clinic.',
  );
  await expect(otherAdmin.getByTestId('audit-row')).toHaveCount(0);
  await otherAdmin.getByTestId('audit-patient-search').fill('natara');
  await expect(otherAdmin.getByTestId('audit-patient-hint')).toHaveText('No patient’s name or MRN matches “natara”.');
  await otherAdmin.getByRole('button', { name: 'Clear' }).click();
  await expect(otherAdmin.getByTestId('audit-row')).toHaveCount(0);
  await expect(otherAdmin.getByText('No chart views match.')).toBeVisible();
  await expect(otherAdmin.getByTestId('audit-error')).toHaveCount(0);

  for (const session of [nurse, provider, frontDesk]) session.close();
});
