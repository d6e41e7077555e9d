import { AlertSummary, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
import { Browser, Locator, Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { badge, everyPage, expect, restAs, signInOnPage, test } from './fixtures';

const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const SMALL_LAPTOP = { width: 1024, height: 768 };

/**
 * The page is no wider than the window, and no part of it (a table's card) hides columns or
 * buttons behind a sideways scroll of its own.
 */
async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(
    widths.scrollWidth,
    `${where}: ${widths.scrollWidth} px wide in a ${widths.innerWidth} px window`,
  ).toBeLessThanOrEqual(widths.innerWidth);
  const scrollingSideways = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX))
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')} (${element.scrollWidth} px in ${element.clientWidth} px)`,
      ),
  );
  expect(scrollingSideways, `${where}: parts that scroll sideways`).toEqual([]);
}

/** On screen, inside the window: reachable without scrolling sideways. */
async function expectWithinWindow(page: Page, control: Locator): Promise<void> {
  await expect(control).toBeVisible();
  const box = (await control.boundingBox())!;
  const width = page.viewportSize()!.width;
  expect({ left: box.x >= 0, right: box.x + box.width <= width }).toEqual({ left: true, right: true });
}

/** A header popover, once opened, lies below the control that opened it, not over the header's controls. */
async function expectOpensBelow(page: Page, opener: Locator, popover: Locator): Promise<void> {
  await opener.click();
  await expect(popover).toBeVisible();
  const [openerBox, popoverBox] = [(await opener.boundingBox())!, (await popover.boundingBox())!];
  expect(popoverBox.y).toBeGreaterThanOrEqual(openerBox.y + openerBox.height);
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
}

/** Two cards share a row that ends where the full-width card below them ends: no empty column beside them. */
async function expectSideBySideFillingRow(first: Locator, second: Locator, below: Locator): Promise<void> {
  await expect(below).toBeVisible();
  const [a, b, row] = await Promise.all([first.boundingBox(), second.boundingBox(), below.boundingBox()]);
  if (!a || !b || !row) throw new Error('A card is not on the page');
  expect(Math.abs(a.y - b.y), 'the two cards start on one row').toBeLessThan(1);
  expect(Math.abs(a.x - row.x), 'the first starts where the row starts').toBeLessThan(1);
  expect(Math.abs(b.x + b.width - (row.x + row.width)), 'the second ends where the row ends').toBeLessThan(1);
}

async function pagesOf(url: string): Promise<string[]> {
  const admin = await restAs(url, 'admin@riverside.test');
  const nurseId = (await admin.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!.id;
  const patient = (await admin.rest.get<PatientSummary[]>('/api/patients')).body[0]!;
  const thread = (await admin.rest.post<ThreadSummary>('/api/threads', { participantIds: [nurseId] })).body;
  await admin.rest.post(`/api/threads/${thread.id}/messages`, {
    body: 'A long message without spaces: biopsy-results-for-room-two-are-back-and-need-a-look-today',
  });
  const alert = (await admin.rest.post<AlertSummary>('/api/alerts', { title: 'Drill', to: { userIds: [nurseId] } }))
    .body;
  return everyPage({ threadId: thread.id, patientId: patient.id, alertId: alert.id }).map(([path]) => path);
}

/** Opens a window of `size`, signs the admin in and visits every page: none may scroll sideways. */
async function everyPageFitsAt(url: string, browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const pages = await pagesOf(url);
  const context = await browser.newContext({ baseURL: url, viewport: size });
  const page = await context.newPage();
  await page.goto('/login');
  await expectNoHorizontalOverflow(page, '/login');
  await signInOnPage(page, 'admin@riverside.test');
  for (const path of pages) {
    await page.goto(path);
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectNoHorizontalOverflow(page, path);
  }
  return page;
}

for (const [name, size] of [
  ['a phone', PHONE],
  ['a small phone', SMALL_PHONE],
] as const) {
  test(`on ${name} (${size.width} px) no page scrolls sideways, and the menu, bell, badge and Sign out are in reach`, async ({
    api,
    browser,
  }) => {
    const page = await everyPageFitsAt(api.url, browser, size);

    await page.goto('/schedule');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    for (const control of ['nav-toggle', 'notification-bell', 'connection-toggle', 'online-staff-toggle', 'logout']) {
      await expectWithinWindow(page, page.getByTestId(control));
    }

    // The menu holds every destination, each in reach, and folds away once one is chosen.
    const toggle = page.getByTestId('nav-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    for (const link of ['Schedule', 'Patients', 'Alerts', 'Messages', 'Audit']) {
      await expectWithinWindow(page, nav.getByRole('link', { name: link }));
    }
    await expectNoHorizontalOverflow(page, 'menu open');
    await expectAccessible(page, 'menu open');
    await nav.getByRole('link', { name: 'Messages' }).click();
    await expect(page).toHaveURL(/\/messages$/);
    await expect(nav).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    // Header panels open inside the window, below the controls.
    await page.getByTestId('notification-bell').click();
    await expectWithinWindow(page, page.getByTestId('notification-panel'));
    await page.keyboard.press('Escape');
    await expectOpensBelow(page, page.getByTestId('notification-bell'), page.getByTestId('notification-panel'));

    // Tables become lists: one card a row, each value under its column's name.
    await page.goto('/schedule');
    const row = page.getByTestId('appointment-row').first();
    await expect(row).toBeVisible();
    await expect(page.locator('table.stack thead')).toHaveCSS('position', 'absolute');
    await expect(row).toHaveCSS('display', 'block');
    await expectWithinWindow(page, row.getByTestId('appointment-patient'));

    await page.getByTestId('logout').click();
    await expect(page).toHaveURL(/\/login$/);
    await page.context().close();
  });
}

for (const [name, size] of [
  ['a desktop', DESKTOP],
  ['a small laptop', SMALL_LAPTOP],
] as const) {
  test(`on ${name} (${size.width} px) the navigation is inline, tables are tables, and nothing scrolls sideways`, async ({
    api,
    browser,
  }) => {
    const page = await everyPageFitsAt(api.url, browser, size);

    await page.goto('/schedule');
    await expect(page.getByTestId('nav-toggle')).toBeHidden();
    const nav = page.getByRole('navigation', { name: 'Main' });
    // A colleague's message puts a count on Messages: the header still fits.
    const [admin, nurse] = await Promise.all([
      restAs(api.url, 'admin@riverside.test'),
      restAs(api.url, 'nurse@riverside.test'),
    ]);
    const toAdmin = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [admin.user.id] })).body;
    await nurse.rest.post(`/api/threads/${toAdmin.id}/messages`, { body: 'Room two is ready' });
    await expect(page.getByTestId('messages-unread')).toHaveText('1');
    await expectNoHorizontalOverflow(page, '/schedule with an unread message');
    for (const link of ['Schedule', 'Patients', 'Alerts', 'Messages', 'Audit', 'Operations']) {
      await expectWithinWindow(page, nav.getByRole('link', { name: link }));
    }
    for (const control of ['notification-bell', 'connection-toggle', 'online-staff-toggle', 'logout', 'current-user']) {
      await expectWithinWindow(page, page.getByTestId(control));
    }
    // However many rows the header takes, its popovers open below its controls.
    await expectOpensBelow(page, page.getByTestId('notification-bell'), page.getByTestId('notification-panel'));
    await expectOpensBelow(page, page.getByTestId('online-staff-toggle'), page.locator('#online-staff-popover'));
    await expectOpensBelow(page, page.getByTestId('connection-toggle'), page.locator('#connection-details'));
    await expect(page.getByTestId('appointment-row').first()).toHaveCSS('display', 'table-row');
    await page.goto('/operations');
    await expectSideBySideFillingRow(
      page.getByTestId('operations-connected'),
      page.getByTestId('operations-events'),
      page.getByTestId('operations-refusals'),
    );
    await page.context().close();
  });
}
