import {
  expect,
  expectNotReloaded,
  markDocument,
  postOverRest,
  riversideOverRest,
  staffRow,
  startThreadOverRest,
  test,
  threadItem,
} from './fixtures';

test('an admin deactivates a colleague: the open conversation of another says she is no longer active, live, until she is reactivated', async ({
  api,
  signIn,
}) => {
  const [nurse, provider, frontDesk] = await riversideOverRest(api.url, 'nurse', 'provider', 'frontdesk');
  const thread = await startThreadOverRest(nurse, [provider, frontDesk], { subject: 'Biopsy follow-up' });
  await postOverRest(nurse, thread.id, 'Path report for room 3 is in');
  const everyone = 'Dr. Ana Ortiz, Felix Park, Nora Quinn';
  const nurseGone = 'Dr. Ana Ortiz, Felix Park, Nora Quinn (no longer active)';

  const providerTab = await signIn('provider@riverside.test');
  const admin = await signIn('admin@riverside.test');
  const otherClinic = await signIn('nurse@lakeside.test');
  await providerTab.goto(`/messages/${thread.id}`);
  const row = threadItem(providerTab, thread.id);
  await expect(providerTab.getByTestId('conversation-participants')).toHaveText(everyone);
  await expect(row.getByTestId('thread-preview')).toHaveText('Nora Quinn: Path report for room 3 is in');
  await expect(row.getByTestId('thread-people')).toHaveCount(0);
  await markDocument(providerTab);

  await admin.goto('/staff');
  const nurseRow = staffRow(admin, 'Nora Quinn');
  await nurseRow.getByTestId('staff-deactivate').click();
  await nurseRow.getByTestId('staff-confirm-deactivate').click();
  await expect(nurseRow.getByTestId('staff-status')).toHaveText('Deactivated');

  // The provider's open conversation and its row in the list say so, without a reload.
  await expect(providerTab.getByTestId('conversation-participants')).toHaveText(nurseGone);
  await expect(row.getByTestId('thread-people')).toHaveText(nurseGone);
  await expect(row.getByTestId('thread-preview')).toHaveText('Nora Quinn: Path report for room 3 is in');
  await expectNotReloaded(providerTab);
  // Opened now, the conversation says so too (from the server).
  const deskTab = await signIn('frontdesk@riverside.test');
  await deskTab.goto(`/messages/${thread.id}`);
  await expect(deskTab.getByTestId('conversation-participants')).toHaveText(nurseGone);
  // Another clinic has no such conversation, before or after.
  await otherClinic.getByTestId('nav-messages').click();
  await expect(otherClinic.getByTestId('thread-list')).toBeVisible();
  await expect(threadItem(otherClinic, thread.id)).toHaveCount(0);
  await expect(otherClinic.getByText('no longer active')).toHaveCount(0);

  await nurseRow.getByTestId('staff-reactivate').click();
  await expect(nurseRow.getByTestId('staff-status')).toHaveText('Active');
  for (const page of [providerTab, deskTab]) {
    await expect(page.getByTestId('conversation-participants')).toHaveText(everyone);
    await expect(threadItem(page, thread.id).getByTestId('thread-people')).toHaveCount(0);
  }
  await expectNotReloaded(providerTab);
});
