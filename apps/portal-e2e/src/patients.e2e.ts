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
  await expect(page.getByTestId('patients-error')).toContainText("A patient search (q) may hold only letters, digits, spaces and . , ' -");
  await expect(page.getByTestId('patients-empty')).toHaveCount(0);

  await search.fill('');
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('patients-error')).toHaveCount(0);
  await expect(page).toHaveURL(/\/patients$/);
});
