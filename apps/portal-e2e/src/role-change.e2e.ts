import { calendarDayIn, StaffRole } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import {
  appointmentRow,
  badge,
  bookOverRest,
  expect,
  expectNotReloaded,
  markDocument,
  openSendAlertForm,
  restAs,
  RestStaff,
  test,
} from './fixtures';

/**
 * An admin gives a signed-in colleague another role: that person's open portal follows at once
 * (its buttons, its forms, its navigation, the pages it may open), without a reload or a new sign-in;
 * a colleague's tab and another clinic's tab stay as they were.
 */

const riversideToday = () => calendarDayIn(new Date(), 'America/New_York');
const ADMIN_PAGES = ['Audit', 'Operations', 'Staff'];

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const navLink = (page: Page, name: string) => nav(page).getByRole('link', { name, exact: true });
const roleNotice = (page: Page) => page.getByTestId('role-changed');

async function setRole(admin: RestStaff, staff: RestStaff, role: StaffRole): Promise<void> {
  const response = await admin.rest.patch(`/api/staff/${staff.user.id}`, { role });
  expect(response.status).toBe(200);
}

/** The navigation a tab shows, at the window's width (the Menu folds it below 960 px). */
async function expectNav(page: Page, admin: boolean): Promise<void> {
  for (const name of ADMIN_PAGES) await expect(navLink(page, name)).toHaveCount(admin ? 1 : 0);
  await expect(navLink(page, 'Schedule')).toHaveCount(1);
}

/** The clinic's admin and nurse over REST, and a visit of today checked in: a nurse's tab offers Complete. */
async function withCheckedInVisit(apiUrl: string, time: string) {
  const [admin, nurseOverRest, deskOverRest] = await Promise.all(
    ['admin', 'nurse', 'frontdesk'].map((role) => restAs(apiUrl, `${role}@riverside.test`)),
  );
  const booked = await bookOverRest(deskOverRest, riversideToday(), time);
  expect((await deskOverRest.rest.post(`/api/appointments/${booked.id}/check-in`, {})).status).toBe(200);
  return { admin, nurseOverRest, booked };
}

test('a nurse made front desk while on the schedule loses Complete at once; a colleague and another clinic keep theirs', async ({
  api,
  signIn,
}) => {
  const { admin, nurseOverRest, booked } = await withCheckedInVisit(api.url, '18:40');

  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  const lakesideNurse = await signIn('nurse@lakeside.test');
  for (const page of [nurse, provider, lakesideNurse]) {
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
    await markDocument(page);
  }
  const complete = appointmentRow(nurse, booked.id).getByTestId('appointment-complete');
  await expect(complete).toBeVisible();
  await expect(appointmentRow(provider, booked.id).getByTestId('appointment-complete')).toBeVisible();

  await setRole(admin, nurseOverRest, 'front-desk');

  // Her schedule follows on the same page: no Complete, which the front desk may not send.
  await expect(complete).toHaveCount(0);
  await expect(roleNotice(nurse)).toHaveText('Your role is now Front desk.');
  await expect(nurse).toHaveURL(/\/schedule$/);
  await expectNotReloaded(nurse);
  // Her alert form no longer offers "Everyone with a role", which the front desk may not send.
  const form = await openSendAlertForm(nurse);
  await expect(form.getByTestId('alert-target').locator('option')).toHaveText(['A colleague']);
  await expectNotReloaded(nurse);

  // The provider's tab, and the other clinic's nurse (same role, another account), are untouched.
  await expect(appointmentRow(provider, booked.id).getByTestId('appointment-complete')).toBeVisible();
  await expect(roleNotice(provider)).toHaveCount(0);
  await expect(roleNotice(lakesideNurse)).toHaveCount(0);
  await openSendAlertForm(lakesideNurse);
  await expect(lakesideNurse.getByTestId('alert-target').locator('option')).toHaveText([
    'A colleague',
    'Everyone with a role',
  ]);
  await expectNotReloaded(provider);
  await expectNotReloaded(lakesideNurse);

  // Back to nurse: Complete is offered again, and works.
  await setRole(admin, nurseOverRest, 'nurse');
  await navLink(nurse, 'Schedule').click();
  await complete.click();
  await expect(appointmentRow(provider, booked.id)).toHaveAttribute('data-status', 'completed');
  await expect(nurse.getByTestId('schedule-error')).toHaveCount(0);
});

test('a front desk made admin gets the admin pages live and opens Staff; demoted there, she is taken to the schedule and told why', async ({
  api,
  signIn,
}) => {
  const [admin, deskOverRest] = await Promise.all(
    ['admin', 'frontdesk'].map((role) => restAs(api.url, `${role}@riverside.test`)),
  );
  const desk = await signIn('frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const lakesideDesk = await signIn('frontdesk@lakeside.test');
  for (const page of [desk, nurse, lakesideDesk]) {
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
    await expectNav(page, false);
    await markDocument(page);
  }

  await setRole(admin, deskOverRest, 'admin');
  await expectNav(desk, true);
  await expect(roleNotice(desk)).toHaveText('Your role is now Admin.');
  await navLink(desk, 'Staff').click();
  await expect(desk).toHaveURL(/\/staff$/);
  await expect(desk.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
  await expect(desk.getByTestId('staff-row')).toHaveCount(4);
  // She works in the page with the keyboard: the focus is on one of its buttons.
  await desk.getByTestId('staff-row').getByRole('button').first().focus();
  await expectNotReloaded(desk);

  // The colleague and the other clinic's front desk: no admin pages, and /staff still refused.
  for (const page of [nurse, lakesideDesk]) {
    await expectNav(page, false);
    await expect(roleNotice(page)).toHaveCount(0);
    await expectNotReloaded(page);
  }
  await lakesideDesk.goto('/staff');
  await expect(lakesideDesk).toHaveURL(/\/schedule$/);

  // Demoted while on the Staff page, which is no longer hers to use.
  await setRole(admin, deskOverRest, 'front-desk');
  await expect(desk).toHaveURL(/\/schedule$/);
  await expect(roleNotice(desk)).toHaveText(
    'Your role is now Front desk. Staff is for admins, so the schedule is shown instead.',
  );
  await expect(desk.getByTestId('staff-row')).toHaveCount(0);
  await expectNav(desk, false);
  // The button she was on went with the page: the focus is on the page shown instead, not lost to the body.
  await expect(desk.locator('main#main')).toBeFocused();
  await expectNotReloaded(desk);
  // Back does not return to it, and the next page she chooses no longer says it.
  await desk.goBack();
  await expect(desk).not.toHaveURL(/\/staff$/);
  await navLink(desk, 'Patients').click();
  await expect(desk).toHaveURL(/\/patients$/);
  await expect(roleNotice(desk)).toHaveCount(0);

  await expectNav(nurse, false);
  await expect(roleNotice(nurse)).toHaveCount(0);
  await expect(nurse).toHaveURL(/\/schedule$/);
});

test('a role change whose fresh token cannot be had says so after a few tries, and Try again applies it; a 401 to it signs the tab out', async ({
  api,
  signIn,
}) => {
  const { admin, nurseOverRest, booked } = await withCheckedInVisit(api.url, '18:50');
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  for (const tab of [nurse, provider]) await expect(badge(tab)).toHaveAttribute('data-state', 'connected');
  const complete = appointmentRow(nurse, booked.id).getByTestId('appointment-complete');
  await expect(complete).toBeVisible();
  const unapplied = nurse.getByTestId('role-change-unapplied');

  // The server has trouble: every refresh of the nurse's tab is a 503.
  let refreshes = 0;
  await nurse.route('**/api/auth/refresh', (route) => {
    refreshes += 1;
    return route.fulfill({ status: 503, json: { message: 'Service Unavailable' } });
  });
  await setRole(admin, nurseOverRest, 'front-desk');
  await expect(unapplied).toContainText('Your role or name was changed', { timeout: 20_000 });
  await expect(unapplied).toContainText('Try again, or sign out and in again.');
  // Asked again a few times, not in a loop; the page still follows the old role, and says so.
  expect(refreshes).toBe(4);
  await expect(complete).toBeVisible();
  await expect(roleNotice(provider)).toHaveCount(0);
  await expect(provider.getByTestId('role-change-unapplied')).toHaveCount(0);

  await nurse.unroute('**/api/auth/refresh');
  await nurse.getByTestId('role-change-retry').click();
  await expect(roleNotice(nurse)).toHaveText('Your role is now Front desk.');
  await expect(unapplied).toHaveCount(0);
  await expect(complete).toHaveCount(0);

  // A 401 to that refresh ends the tab's session as any other 401 does.
  await nurse.route('**/api/auth/refresh', (route) =>
    route.fulfill({ status: 401, json: { message: 'Unauthorized' } }),
  );
  await setRole(admin, nurseOverRest, 'nurse');
  await expect(nurse).toHaveURL(/\/login\?reason=unauthorized$/);
  await expect(provider).toHaveURL(/\/schedule$/);
});
