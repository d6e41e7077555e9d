import { login } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { StaffAccount } from '@derm/shared/contracts';
import { expect, expectNotReloaded, markDocument, restAs, staffRow, submitSignIn, test } from './fixtures';

test('an admin deactivates a nurse on the Staff page: she is signed out at once, cannot sign in, and leaves the open colleague lists until she is reactivated', async ({
  api,
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  const nurseId = (await login(api.url, 'nurse@riverside.test')).user.id;
  const deskId = (await login(api.url, 'frontdesk@riverside.test')).user.id;
  // A colleague has a new conversation open, the nurse among the people to pick.
  await provider.goto(`/messages?to=${deskId}`);
  const form = provider.getByTestId('new-thread-form');
  const pickNurse = form.locator(`[data-testid="new-thread-participant"][data-staff-id="${nurseId}"]`);
  await expect(pickNurse).toHaveCount(1);
  await pickNurse.check();
  // Another of the colleague's tabs has an urgent alert to her under way.
  const alerting = await signIn('provider@riverside.test');
  await alerting.goto('/alerts');
  const recipient = alerting.getByTestId('alert-recipient');
  await recipient.selectOption(nurseId);
  const nurseOnline = provider.locator(`[data-testid="online-staff-member"][data-user-id="${nurseId}"]`);
  await provider.getByTestId('online-staff-toggle').click();
  await expect(nurseOnline).toHaveCount(1);
  await markDocument(provider);

  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
  await expect(admin).toHaveURL(/\/staff$/);
  await expect(admin.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
  // Its own clinic's four accounts by name; the other clinic's are not there.
  await expect(admin.getByTestId('staff-row')).toHaveText([/Alma Reyes/, /Dr\. Ana Ortiz/, /Felix Park/, /Nora Quinn/]);
  await expect(admin.getByTestId('staff-row').filter({ hasText: 'Ines Duarte' })).toHaveCount(0);
  // The admin's own account offers no way to lock themself out.
  const own = staffRow(admin, 'Alma Reyes');
  await expect(own.getByTestId('staff-deactivate')).toHaveCount(0);
  await expect(own.locator('select')).toHaveCount(0);

  const row = staffRow(admin, 'Nora Quinn');
  await expect(row.getByTestId('staff-status')).toHaveText('Active');
  await row.getByTestId('staff-deactivate').click();
  // Asked first, the keyboard on "Keep", which leaves her as she was.
  await expect(row.getByRole('button', { name: 'Keep' })).toBeFocused();
  await row.getByRole('button', { name: 'Keep' }).click();
  await expect(row.getByTestId('staff-deactivate')).toBeFocused();
  await expect(row.getByTestId('staff-status')).toHaveText('Active');
  await row.getByTestId('staff-deactivate').click();
  await row.getByTestId('staff-confirm-deactivate').click();
  await expect(row.getByTestId('staff-status')).toHaveText('Deactivated');
  await expect(row.getByTestId('staff-reactivate')).toBeVisible();

  // Her open portal ends at once, and her password no longer lets her in.
  await expect(nurse).toHaveURL(/\/login\?reason=revoked/);
  await submitSignIn(nurse, 'nurse@riverside.test');
  await expect(nurse.getByTestId('login-error')).toBeVisible();
  await expect(nurse).toHaveURL(/\/login/);

  // The colleague's open forms no longer offer or choose her, nor is she shown online; nothing
  // reloaded, and the other choice is kept.
  await expect(pickNurse).toHaveCount(0);
  await expect(nurseOnline).toHaveCount(0);
  await expect(recipient).toHaveValue('');
  await expect(form.locator(`[data-testid="new-thread-participant"][data-staff-id="${deskId}"]`)).toBeChecked();
  await expectNotReloaded(provider);

  // Reactivated, she signs in again and is a colleague to pick once more.
  await row.getByTestId('staff-reactivate').click();
  await expect(row.getByTestId('staff-status')).toHaveText('Active');
  await submitSignIn(nurse, 'nurse@riverside.test');
  await expect(nurse).toHaveURL(/\/schedule$/);
  await expect(pickNurse).toHaveCount(1);
  // She is offered again but no longer chosen: nothing was sent to her meanwhile by a tick left over.
  await expect(pickNurse).not.toBeChecked();
  await expect(recipient).toHaveValue('');
  await expectNotReloaded(provider);
});

test('an admin changes a role on the Staff page and their other tab and the online list follow live; a change that fails is said and the row keeps what the server holds', async ({
  api,
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  // The same admin's other tab follows without a reload, and so does its list of who is online.
  const otherTab = await signIn('admin@riverside.test');
  await signIn('frontdesk@riverside.test');
  const deskId = (await login(api.url, 'frontdesk@riverside.test')).user.id;
  const onlineRole = (page: Page) =>
    page.locator(`[data-testid="online-staff-member"][data-user-id="${deskId}"]`).getByTestId('online-staff-role');
  await Promise.all([admin.goto('/staff'), otherTab.goto('/staff')]);
  await markDocument(otherTab);
  await otherTab.getByTestId('online-staff-toggle').click();
  await expect(onlineRole(otherTab)).toHaveText('Front desk');
  const role = staffRow(admin, 'Felix Park').getByTestId('staff-role');
  await expect(role).toHaveValue('front-desk');
  await expect(staffRow(otherTab, 'Felix Park').getByTestId('staff-role')).toHaveValue('front-desk');
  await role.selectOption('nurse');
  await staffRow(admin, 'Felix Park').getByTestId('staff-role-apply').click();
  await expect(staffRow(otherTab, 'Felix Park').getByTestId('staff-role')).toHaveValue('nurse');
  await expect(onlineRole(otherTab)).toHaveText('Nurse');
  await expectNotReloaded(otherTab);
  // A page loaded afresh reads both from the server as they are now.
  await admin.reload();
  await expect(staffRow(admin, 'Felix Park').getByTestId('staff-role')).toHaveValue('nurse');
  await admin.getByTestId('online-staff-toggle').click();
  await expect(onlineRole(admin)).toHaveText('Nurse');

  // A change that never reaches the server is said, and the row shows the role it still has.
  await admin.context().setOffline(true);
  await staffRow(admin, 'Felix Park').getByTestId('staff-role').selectOption('provider');
  await staffRow(admin, 'Felix Park').getByTestId('staff-role-apply').click();
  await expect(admin.getByTestId('staff-error')).toContainText('Could not change the account');
  await expect(staffRow(admin, 'Felix Park').getByTestId('staff-role')).toHaveValue('nurse');
  await admin.context().setOffline(false);
});

test('a role is changed only by its button: arrow keys on the list choose, Escape keeps, and the focus stays in the row', async ({
  api,
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  const adminRest = await restAs(api.url, 'admin@riverside.test');
  const deskId = (await login(api.url, 'frontdesk@riverside.test')).user.id;
  const roleOnServer = async () =>
    (await adminRest.rest.get<StaffAccount[]>('/api/staff/accounts')).body.find((account) => account.id === deskId)
      ?.role;
  await admin.goto('/staff');
  const row = staffRow(admin, 'Felix Park');
  const role = row.getByTestId('staff-role');
  await expect(role).toHaveValue('front-desk');

  // On a closed list, ArrowDown picks the next role (Admin): a choice, not a change.
  await role.focus();
  await admin.keyboard.press('ArrowDown');
  await expect(role).toHaveValue('admin');
  await expect(row.getByTestId('staff-role-apply')).toHaveText('Make Admin');
  expect(await roleOnServer()).toBe('front-desk');
  await admin.keyboard.press('Escape');
  await expect(role).toHaveValue('front-desk');
  await expect(row.getByTestId('staff-role-apply')).toHaveCount(0);
  await expect(role).toBeFocused();

  // Chosen, then made so with the button; the focus returns to the list once it is done.
  await admin.keyboard.press('ArrowUp');
  await expect(role).toHaveValue('nurse');
  await admin.keyboard.press('Tab');
  await expect(row.getByTestId('staff-role-apply')).toBeFocused();
  await admin.keyboard.press('Enter');
  await expect(row.getByTestId('staff-role-apply')).toHaveCount(0);
  await expect(role).toHaveValue('nurse');
  await expect(role).toBeFocused();
  await expect.poll(roleOnServer).toBe('nurse');
  // Another clinic's admin can neither see nor change the account.
  const otherAdmin = await restAs(api.url, 'admin@lakeside.test');
  expect(
    (await otherAdmin.rest.get<StaffAccount[]>('/api/staff/accounts')).body.map((account) => account.id),
  ).not.toContain(deskId);
});

test('other staff have no Staff page and another clinic’s admin sees none of this clinic’s accounts', async ({
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  await expect(nurse.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' })).toHaveCount(0);
  await nurse.goto('/staff');
  await expect(nurse).toHaveURL(/\/schedule$/);

  const otherAdmin = await signIn('admin@lakeside.test');
  await otherAdmin.goto('/staff');
  await expect(otherAdmin.getByTestId('staff-row')).toHaveCount(4);
  await expect(otherAdmin.getByTestId('staff-row').filter({ hasText: 'Nora Quinn' })).toHaveCount(0);
  await expect(otherAdmin.getByTestId('staff-row').filter({ hasText: 'Ines Duarte' })).toHaveCount(1);
});
