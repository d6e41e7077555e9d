import { ChatMessage, PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { login, RestClient } from '@derm/shared/test-client';
import { expect, restAs, RestStaff, test, threadItem } from './fixtures';

// More conversations are started below, over REST, than one person's write budget allows.
test.use({ apiEnv: { REST_WRITE_POINTS: '1000' } });

/** Starts `count` conversations of two, "Batch 01" first (the oldest), over REST. */
async function startBatch(from: RestStaff, to: RestStaff, count: number): Promise<ThreadSummary[]> {
  const started: ThreadSummary[] = [];
  for (let i = 1; i <= count; i++) {
    const { status, body } = await from.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [to.user.id],
      subject: `Batch ${String(i).padStart(2, '0')}`,
    });
    expect(status).toBe(201);
    started.push(body);
  }
  return started;
}

test('a long list of conversations shows the latest 50, older ones on request, and stays live and in order', async ({
  api,
  signIn,
}) => {
  const nurse = await restAs(api.url, 'nurse@riverside.test');
  const provider = await restAs(api.url, 'provider@riverside.test');
  const [oldest, second] = await startBatch(nurse, provider, 52);

  const providerTab = await signIn('provider@riverside.test');
  await providerTab.getByTestId('nav-messages').click();
  const items = providerTab.getByTestId('thread-item');
  await expect(items).toHaveCount(50);
  await expect(items.first()).toContainText('Batch 52');
  await expect(providerTab.locator(`[data-thread-id="${oldest.id}"]`)).toHaveCount(0);

  // A message in a conversation beyond the loaded page brings it to the top, read alone: the list
  // keeps the 50 it shows and is not loaded again.
  const listLoads: string[] = [];
  providerTab.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/threads') listLoads.push(request.url());
  });
  const toSecond = await nurse.rest.post(`/api/threads/${second!.id}/messages`, { body: 'About the second batch' });
  expect(toSecond.status).toBe(201);
  await expect(items.first()).toHaveAttribute('data-thread-id', second!.id);
  await expect(items).toHaveCount(51);
  expect(listLoads).toEqual([]);

  await providerTab.getByTestId('threads-older').click();
  await expect(providerTab.locator(`[data-thread-id="${oldest.id}"]`)).toBeVisible();
  await expect(providerTab.getByTestId('threads-older')).toHaveCount(0);
  // Every conversation once: the one brought up is not on the older page again.
  const ids = await items.evaluateAll((links) => links.map((link) => link.getAttribute('data-thread-id')));
  expect(new Set(ids).size).toBe(ids.length);
  const count = ids.length;
  expect(count).toBeGreaterThan(51);

  // A message in the oldest conversation moves it to the top, once.
  const posted = await nurse.rest.post(`/api/threads/${oldest.id}/messages`, { body: 'Back to this one' });
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

test('a conversation older than the loaded list opens by its address and from a colleague’s “Message”, with its subject and people', async ({
  api,
  signIn,
}) => {
  const nurse = await restAs(api.url, 'nurse@riverside.test');
  const provider = await restAs(api.url, 'provider@riverside.test');
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const old = (
    await provider.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [frontDesk.user.id],
      subject: 'Biopsy kits',
    })
  ).body;
  const asked = (
    await provider.rest.post<ChatMessage>(`/api/threads/${old.id}/messages`, { body: 'Are the biopsy kits in?' })
  ).body;
  // Newer, and loaded: a group with both is not their one-to-one.
  const group = await provider.rest.post<ThreadSummary>('/api/threads', {
    participantIds: [frontDesk.user.id, nurse.user.id],
    subject: 'Front desk and nursing',
  });
  expect(group.status).toBe(201);
  await startBatch(nurse, provider, 52);

  const providerTab = await signIn('provider@riverside.test');
  await providerTab.goto(`/messages/${old.id}`);
  await expect(providerTab.getByTestId('thread-item')).toHaveCount(50);
  await expect(threadItem(providerTab, old.id)).toHaveCount(0);
  await expect(providerTab.getByTestId('conversation-subject')).toHaveText('Biopsy kits');
  await expect(providerTab.getByTestId('conversation-participants')).toHaveText('Dr. Ana Ortiz, Felix Park');
  const askedThere = providerTab.locator(`[data-testid="message"][data-message-id="${asked.id}"]`);
  await expect(askedThere.getByTestId('message-body')).toHaveText(asked.body);
  await expect(askedThere.getByTestId('seen-by')).toHaveCount(0);

  // The front desk reads it: "seen" follows live, though the provider's list does not hold the thread.
  const frontDeskTab = await signIn('frontdesk@riverside.test');
  await frontDeskTab.getByTestId('nav-messages').click();
  await threadItem(frontDeskTab, old.id).click();
  await expect(frontDeskTab.getByTestId('messages-unread')).toHaveText('1');
  await expect(askedThere.getByTestId('seen-by')).toHaveText('Seen by Felix Park');

  // From another conversation, "Message" on the front desk in the online panel opens their one-to-one.
  await providerTab.getByTestId('thread-item').first().click();
  await expect(providerTab.getByTestId('conversation-subject')).toHaveText('Batch 52');
  await providerTab.getByTestId('online-staff-toggle').click();
  await providerTab
    .locator(`[data-testid="online-staff-member"][data-user-id="${frontDesk.user.id}"]`)
    .getByTestId('online-staff-message')
    .click();
  await expect(providerTab).toHaveURL(new RegExp(`/messages/${old.id}$`));
  await expect(providerTab.getByTestId('conversation-subject')).toHaveText('Biopsy kits');
  await expect(providerTab.getByTestId('new-thread-form')).toHaveCount(0);

  // The same from the address, the page loaded afresh.
  await providerTab.goto(`/messages?to=${frontDesk.user.id}`);
  await expect(providerTab).toHaveURL(new RegExp(`/messages/${old.id}$`));
  await expect(askedThere.getByTestId('seen-by')).toHaveText('Seen by Felix Park');
  await expect(providerTab.getByTestId('new-thread-form')).toHaveCount(0);
});

test('a colleague’s “Message” says it is looking, and when the earlier conversation cannot be looked up, says so and offers a new one', async ({
  api,
  signIn,
}) => {
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  let requested: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (requested = resolve));
  let answer: () => Promise<void> = async () => undefined;
  await nurse.route('**/api/threads/direct/**', (route) => {
    answer = () => route.fulfill({ status: 503, body: '{}' });
    requested();
  });
  await nurse.goto(`/messages?to=${frontDesk.user.id}`);
  await asked;
  // While the server is asked, the page says so (and offers no form yet).
  await expect(nurse.getByTestId('direct-thread-looking-up')).toHaveText('Looking for your conversation with them…');
  await expect(nurse.getByTestId('new-thread-form')).toHaveCount(0);
  await answer();
  await expect(nurse.getByTestId('direct-thread-looking-up')).toHaveCount(0);
  await expect(nurse.getByTestId('direct-thread-error')).toHaveText(
    'Your earlier conversation with them could not be looked up.',
  );
  const form = nurse.getByTestId('new-thread-form');
  await expect(
    form.locator(`[data-testid="new-thread-participant"][data-staff-id="${frontDesk.user.id}"]`),
  ).toBeChecked();
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
