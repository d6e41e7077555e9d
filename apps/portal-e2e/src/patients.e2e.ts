import { addPatients, login } from '@derm/shared/test-client';
import { expect, test } from './fixtures';

test('the front desk finds a patient by name or MRN, and the search survives a reload and a visit to the chart', async ({
  signIn,
}) => {
  const page = await signIn('frontdesk@riverside.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  const rows = page.getByTestId('patient-row');
  await expect(rows).toHaveCount(5);
  const search = page.getByRole('searchbox', { name: 'Find a patient by name or MRN' });

  await search.pressSequentially('blak');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Jordan Blake');
  await expect(page).toHaveURL(/\/patients\?q=blak$/);

  await page.reload();
  await expect(search).toHaveValue('blak');
  await expect(rows).toHaveCount(1);
  await rows.getByTestId('patient-link').click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await page.goBack();
  await expect(search).toHaveValue('blak');
  await expect(rows).toHaveText([/Jordan Blake/]);

  await search.fill('riv-1003');
  await expect(rows).toHaveText([/Samuel Okafor/]);

  // Another clinic's patient is not found here, and says so.
  await search.fill('Olivia Hart');
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('patients-empty')).toHaveText('No patient’s name or MRN matches “Olivia Hart”.');

  // What the API refuses is explained, not shown as "no match".
  await search.fill('50%');
  await expect(page.getByTestId('patients-error')).toContainText(
    "A patient search (q) may hold only letters, digits, spaces and . , ' -",
  );
  await expect(page.getByTestId('patients-empty')).toHaveCount(0);

  await search.fill('');
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('patients-error')).toHaveCount(0);
  await expect(page).toHaveURL(/\/patients$/);
});

test('a large clinic shows 100 patients at a time by name, with more on request, and a search pages the same way', async ({
  api,
  signIn,
}) => {
  const { user } = await login(api.url, 'frontdesk@riverside.test');
  // 120 more patients than the demo's 5, named to sort after them.
  const imported = Array.from({ length: 120 }, (_, i) => {
    const number = String(i + 1).padStart(3, '0');
    return { displayName: `Zed Import ${number}`, dateOfBirth: '1970-01-01', mrn: `IMP-${number}` };
  });
  await addPatients(api.database, user.tenantId, imported);

  const page = await signIn('frontdesk@riverside.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  const names = page.getByTestId('patient-link');
  await expect(names).toHaveCount(100);
  await expect(names.nth(5)).toHaveText('Zed Import 001');
  await page.getByTestId('patients-more').click();
  await expect(names).toHaveCount(125);
  await expect(names.last()).toHaveText('Zed Import 120');
  await expect(page.getByTestId('patients-more')).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Find a patient by name or MRN' }).fill('zed');
  await expect(page).toHaveURL(/\/patients\?q=zed$/);
  await expect(names).toHaveCount(100);
  await expect(names.first()).toHaveText('Zed Import 001');
  await page.getByTestId('patients-more').click();
  await expect(names).toHaveCount(120);
  await expect(page.getByTestId('patients-more')).toHaveCount(0);

  // Another clinic has none of them.
  const otherClinic = await signIn('frontdesk@lakeside.test');
  await otherClinic.goto('/patients?q=zed');
  await expect(otherClinic.getByTestId('patients-empty')).toHaveText('No patient’s name or MRN matches “zed”.');
});
