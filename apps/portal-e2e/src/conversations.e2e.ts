import { PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { login, RestClient } from '@derm/shared/test-client';
import { expect, test } from './fixtures';

// More conversations are started below, over REST, than one person's write budget allows.
test.use({ apiEnv: { REST_WRITE_POINTS: '1000' } });

test('a long list of conversations shows the latest 50, older ones on request, and stays live and in order', async ({
  api,
  signIn,
}) => {
  const nurseLogin = await login(api.url, 'nurse@riverside.test');
  const providerLogin = await login(api.url, 'provider@riverside.test');
  const nurse = new RestClient(api.url, nurseLogin.accessToken);
  const started: ThreadSummary[] = [];
  for (let i = 1; i <= 52; i++) {
    const { status, body } = await nurse.post<ThreadSummary>('/api/threads', {
      participantIds: [providerLogin.user.id],
      subject: `Batch ${String(i).padStart(2, '0')}`,
    });
    expect(status).toBe(201);
    started.push(body);
  }
  const [oldest] = started;

  const provider = await signIn('provider@riverside.test');
  await provider.getByTestId('nav-messages').click();
  const items = provider.getByTestId('thread-item');
  await expect(items).toHaveCount(50);
  await expect(items.first()).toContainText('Batch 52');
  await expect(provider.locator(`[data-thread-id="${oldest.id}"]`)).toHaveCount(0);

  await provider.getByTestId('threads-older').click();
  await expect(provider.locator(`[data-thread-id="${oldest.id}"]`)).toBeVisible();
  await expect(provider.getByTestId('threads-older')).toHaveCount(0);
  const count = await items.count();
  expect(count).toBeGreaterThan(50);

  // A message in the oldest conversation moves it to the top, once.
  const posted = await nurse.post(`/api/threads/${oldest.id}/messages`, { body: 'Back to this one' });
  expect(posted.status).toBe(201);
  await expect(items.first()).toHaveAttribute('data-thread-id', oldest.id);
  await expect(items).toHaveCount(count);

  // Another clinic lists none of them.
  const otherClinic = await signIn('nurse@lakeside.test');
  await otherClinic.getByTestId('nav-messages').click();
  await expect(otherClinic.getByTestId('thread-list')).toBeVisible();
  await expect(otherClinic.getByTestId('thread-item').filter({ hasText: /^Batch/ })).toHaveCount(0);
  await expect(otherClinic.getByTestId('threads-older')).toHaveCount(0);
});

test('a conversation about a patient finds the patient by name, never another clinic’s', async ({ api, signIn }) => {
  const { accessToken } = await login(api.url, 'nurse@riverside.test');
  const [okafor] = (await new RestClient(api.url, accessToken).get<PatientSummary[]>('/api/patients?q=okafor')).body;
  const nurse = await signIn('nurse@riverside.test');
  await nurse.getByTestId('nav-messages').click();
  await nurse.getByTestId('new-thread-toggle').click();
  await nurse.getByTestId('new-thread-participant').first().check();
  await nurse.getByTestId('new-thread-patient-search').fill('olivia');
  await expect(nurse.getByTestId('new-thread-patient-hint')).toHaveText('No patient’s name or MRN matches “olivia”.');
  await nurse.getByTestId('new-thread-patient-search').fill('okafor');
  await expect(nurse.getByTestId('new-thread-patient').locator('option')).toHaveText([
    'No patient',
    /^Samuel Okafor · /,
  ]);
  await nurse.getByTestId('new-thread-patient').selectOption(okafor.id);
  const created = nurse.waitForResponse(
    (response) => response.url().endsWith('/api/threads') && response.request().method() === 'POST',
  );
  await nurse.getByTestId('new-thread-submit').click();
  const thread = (await (await created).json()) as ThreadSummary;
  expect(thread.patientId).toBe(okafor.id);
  await expect(nurse).toHaveURL(new RegExp(`/messages/${thread.id}$`));
});
