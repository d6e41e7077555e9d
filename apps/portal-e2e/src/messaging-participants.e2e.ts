import { PatientSummary, ThreadSummary, UnreadMessagesCount } from '@derm/shared/contracts';
import { badge, expect, postOverRest, riversideOverRest, startThreadOverRest, test, threadItem } from './fixtures';

/** The nurse, the provider and the front desk of one clinic, over REST. */
const threeColleagues = (url: string) => riversideOverRest(url, 'nurse', 'provider', 'frontdesk');

test('a colleague added to a conversation gets it live with its history; the others see them join; no one else sees it', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider, frontDesk] = await threeColleagues(api.url);
  const thread = await startThreadOverRest(nurseRest, [provider], { subject: 'Room 4 supplies' });
  await postOverRest(nurseRest, thread.id, 'Gauze is low');

  const nurse = await signIn('nurse@riverside.test');
  const providerTab = await signIn('provider@riverside.test');
  const deskTab = await signIn('frontdesk@riverside.test');
  const adminTab = await signIn('admin@riverside.test');
  const otherClinic = await signIn('nurse@lakeside.test');
  for (const page of [nurse, providerTab]) await page.goto(`/messages/${thread.id}`);
  for (const page of [deskTab, adminTab, otherClinic]) await page.getByTestId('nav-messages').click();
  await expect(providerTab.getByTestId('conversation-participants')).toHaveText('Dr. Ana Ortiz, Nora Quinn');
  await expect(threadItem(deskTab, thread.id)).toHaveCount(0);
  const { body: deskUnread } = await frontDesk.rest.get<UnreadMessagesCount>('/api/threads/unread-count');
  await expect(deskTab.getByTestId('messages-unread')).toHaveText(String(deskUnread.total));

  // The form offers only those not in it yet.
  await nurse.getByTestId('add-participants-toggle').click();
  const form = nurse.getByTestId('add-participants-form');
  const choice = (userId: string) => form.locator(`[data-testid="add-participant"][data-staff-id="${userId}"]`);
  await expect(choice(frontDesk.user.id)).toBeVisible();
  await expect(choice(provider.user.id)).toHaveCount(0);
  await expect(choice(nurseRest.user.id)).toHaveCount(0);
  await form.getByTestId('add-participants-submit').click();
  await expect(form.getByTestId('add-participants-error')).toHaveText('Choose at least one colleague.');
  await choice(frontDesk.user.id).check();
  await form.getByTestId('add-participants-submit').click();
  await expect(form).toHaveCount(0);

  // Both who were in it see her join, no reload, and the conversation says who added her.
  for (const page of [nurse, providerTab]) {
    await expect(page.getByTestId('conversation-participants')).toHaveText('Dr. Ana Ortiz, Felix Park, Nora Quinn');
  }
  await expect(nurse.getByTestId('note-text')).toHaveText(['You added Felix Park']);
  await expect(providerTab.getByTestId('note-text')).toHaveText(['Nora Quinn added Felix Park']);
  // The front desk has it on her list at once, its history unread, and reads it.
  const added = threadItem(deskTab, thread.id);
  await expect(added.getByTestId('thread-unread')).toHaveText('1');
  await expect(added.getByTestId('thread-preview')).toHaveText('Nora Quinn: Gauze is low');
  await expect(deskTab.getByTestId('messages-unread')).toHaveText(String(deskUnread.total + 1));
  await added.click();
  await expect(deskTab.getByTestId('message').getByTestId('message-body')).toHaveText(['Gauze is low']);
  await expect(deskTab.getByTestId('note-text')).toHaveText(['Nora Quinn added you']);
  await expect(deskTab.getByTestId('messages-unread')).toHaveText(String(deskUnread.total));
  // …and is in it from then on: the provider's reply reaches her live.
  await providerTab.getByTestId('composer-input').fill('Bringing two boxes');
  await providerTab.getByTestId('composer-input').press('Enter');
  await expect(deskTab.getByTestId('message').getByTestId('message-body')).toHaveText([
    'Gauze is low',
    'Bringing two boxes',
  ]);

  // A colleague who was not added and another clinic never see it, and cannot open it.
  for (const page of [adminTab, otherClinic]) {
    await expect(page.getByTestId('thread-list')).toBeVisible();
    await expect(threadItem(page, thread.id)).toHaveCount(0);
    await page.goto(`/messages/${thread.id}`);
    await expect(page.getByTestId('conversation-error')).toBeVisible();
    await expect(page.getByTestId('message')).toHaveCount(0);
    // Nothing to write in, either.
    await expect(page.getByTestId('composer-input')).toHaveCount(0);
  }
});

test('a colleague who leaves a conversation has it gone from every tab, the others see who remains, and nothing more of it reaches them', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider, frontDesk] = await threeColleagues(api.url);
  const thread = await startThreadOverRest(nurseRest, [provider, frontDesk], { subject: 'Room 5 laser' });
  await postOverRest(nurseRest, thread.id, 'Goggles?');

  const nurse = await signIn('nurse@riverside.test');
  const deskTab = await signIn('frontdesk@riverside.test');
  const deskOtherTab = await signIn('frontdesk@riverside.test');
  const outsider = await signIn('admin@riverside.test');
  await nurse.goto(`/messages/${thread.id}`);
  for (const page of [deskTab, deskOtherTab]) await page.goto(`/messages/${thread.id}`);
  await expect(nurse.getByTestId('conversation-participants')).toHaveText('Dr. Ana Ortiz, Felix Park, Nora Quinn');
  await expect(deskTab.getByTestId('message').getByTestId('message-body')).toHaveText(['Goggles?']);
  await outsider.getByTestId('nav-messages').click();
  await expect(outsider.getByTestId('thread-list')).toBeVisible();

  // Asked first, the keyboard on "Keep", which keeps her in it.
  await deskTab.getByTestId('leave-conversation').click();
  await expect(deskTab.getByRole('button', { name: 'Keep' })).toBeFocused();
  await deskTab.getByRole('button', { name: 'Keep' }).click();
  await expect(threadItem(deskTab, thread.id)).toBeVisible();
  await deskTab.getByTestId('leave-conversation').click();
  await deskTab.getByTestId('leave-conversation-confirm').click();

  // Both her tabs go back to the list, which says so and no longer holds it.
  for (const page of [deskTab, deskOtherTab]) {
    await expect(page).toHaveURL(/\/messages$/);
    await expect(page.getByTestId('left-conversation')).toHaveText(
      'You left “Room 5 laser”. Its messages no longer reach you.',
    );
    await expect(page.getByTestId('thread-list')).toBeVisible();
    await expect(threadItem(page, thread.id)).toHaveCount(0);
  }
  // Said once: a reload of the list does not say it again.
  await deskOtherTab.reload();
  await expect(deskOtherTab.getByTestId('no-conversation')).toBeVisible();
  await expect(deskOtherTab.getByTestId('left-conversation')).toHaveCount(0);
  // The nurse sees who remains and that she left, no reload; it stays in the history.
  await expect(nurse.getByTestId('conversation-participants')).toHaveText('Dr. Ana Ortiz, Nora Quinn');
  await expect(nurse.getByTestId('note-text')).toHaveText(['Felix Park left']);
  await nurse.reload();
  await expect(nurse.getByTestId('note-text')).toHaveText(['Felix Park left']);

  // A reply reaches the nurse's list and not the front desk's: no row, no unread.
  const { body: deskUnread } = await frontDesk.rest.get<UnreadMessagesCount>('/api/threads/unread-count');
  expect(deskUnread.byThread[thread.id]).toBeUndefined();
  await expect(deskTab.getByTestId('messages-unread')).toHaveText(String(deskUnread.total));
  await postOverRest(provider, thread.id, 'In the drawer');
  await expect(nurse.getByTestId('message').getByTestId('message-body')).toHaveText(['Goggles?', 'In the drawer']);
  // Another of her conversations, written after the reply: once it arrives, the reply would have.
  const marker = await startThreadOverRest(nurseRest, [frontDesk], { subject: 'Marker' });
  await postOverRest(nurseRest, marker.id, 'Ping');
  for (const page of [deskTab, outsider]) {
    if (page === deskTab) await expect(threadItem(page, marker.id)).toBeVisible();
    await expect(threadItem(page, thread.id)).toHaveCount(0);
  }
  await expect(deskTab.getByTestId('messages-unread')).toHaveText(String(deskUnread.total + 1));

  // Opened by its address, it is refused like anyone else's.
  await deskTab.goto(`/messages/${thread.id}`);
  await expect(deskTab.getByTestId('conversation-error')).toContainText('you are not in this conversation');
  await expect(deskTab.getByTestId('message')).toHaveCount(0);
});

test('a conversation a colleague starts is on the list and the patient’s chart of everyone in it at once, before anyone writes; no one else sees it', async ({
  api,
  signIn,
}) => {
  const [provider] = await riversideOverRest(api.url, 'provider');
  const patient = (await provider.rest.get<PatientSummary[]>('/api/patients?q=okafor')).body[0];
  const nurse = await signIn('nurse@riverside.test');
  const providerTab = await signIn('provider@riverside.test');
  const providerChart = await signIn('provider@riverside.test');
  const deskTab = await signIn('frontdesk@riverside.test');
  const otherClinic = await signIn('nurse@lakeside.test');
  for (const page of [nurse, providerTab, deskTab, otherClinic]) {
    await page.getByTestId('nav-messages').click();
    await expect(page.getByTestId('thread-list')).toBeVisible();
  }
  await providerChart.goto(`/patients/${patient.id}`);
  await expect(providerChart.getByTestId('patient-name')).toHaveText('Samuel Okafor');
  for (const page of [providerTab, providerChart, deskTab, otherClinic]) {
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  }

  await nurse.getByTestId('new-thread-toggle').click();
  const form = nurse.getByTestId('new-thread-form');
  await form.locator(`[data-testid="new-thread-participant"][data-staff-id="${provider.user.id}"]`).check();
  await form.getByTestId('new-thread-patient-search').fill('okafor');
  await form.getByTestId('new-thread-patient').selectOption(patient.id);
  const created = nurse.waitForResponse(
    (response) => response.url().endsWith('/api/threads') && response.request().method() === 'POST',
  );
  await form.getByTestId('new-thread-submit').click();
  const thread = (await (await created).json()) as ThreadSummary;

  // The provider has it in both tabs, no reload, with nothing written in it yet.
  const listed = threadItem(providerTab, thread.id);
  await expect(listed).toContainText('About Samuel Okafor');
  // With nothing written yet, the row names who is in it.
  await expect(listed.getByTestId('thread-preview')).toHaveText('Dr. Ana Ortiz, Nora Quinn');
  const charted = providerChart.locator(`[data-testid="patient-conversation"][data-thread-id="${thread.id}"]`);
  await expect(charted).toBeVisible();
  await expect(charted.getByTestId('thread-preview')).toHaveText('No messages yet');
  await listed.click();
  await expect(providerTab).toHaveURL(new RegExp(`/messages/${thread.id}$`));
  await expect(providerTab.getByTestId('conversation-participants')).toHaveText('Dr. Ana Ortiz, Nora Quinn');

  // A colleague not in it and another clinic never see it.
  await nurse.getByTestId('composer-input').fill('Is the biopsy tray ready?');
  await nurse.getByTestId('composer-input').press('Enter');
  await expect(providerTab.getByTestId('message').getByTestId('message-body')).toHaveText([
    'Is the biopsy tray ready?',
  ]);
  for (const page of [deskTab, otherClinic]) await expect(threadItem(page, thread.id)).toHaveCount(0);
});
