import { AlertSummary, NotificationList, PatientSummary, StaffMember, ThreadSummary } from '@derm/shared/contracts';
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

/** A web address as staff paste it: one word far wider than a phone, after right-to-left words. */
const LONG_WORD = `https://lab.example.org/results/${'a'.repeat(90)}`;
const longText = (what: string) => `${what} ראה תוצאות see ${LONG_WORD}`;

/** Every element holding `text` on the page is inside the window and shows all of it (nothing clipped). */
async function expectWrapped(page: Page, where: string, selector: string): Promise<void> {
  const clipped = await page.evaluate((selector) => {
    const width = window.innerWidth;
    return Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((element) => element.getClientRects().length > 0)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return element.scrollWidth > element.clientWidth + 1 || box.right > width || box.left < 0;
      })
      .map(
        (element) =>
          `${element.getAttribute('data-testid') ?? element.className}: ${element.scrollWidth} px in ${element.clientWidth} px`,
      );
  }, selector);
  expect(clipped, `${where}: text cut off or beyond the window`).toEqual([]);
  const attributes = await page
    .locator(selector)
    .evaluateAll((elements) => elements.map((e) => e.closest('[dir]')?.getAttribute('dir')));
  expect(attributes.length, `${where}: ${selector} shown`).toBeGreaterThan(0);
  expect(attributes, `${where}: typed text keeps its own direction`).toEqual(attributes.map(() => 'auto'));
}

for (const [name, size] of [
  ['a small phone', SMALL_PHONE],
  ['a desktop', DESKTOP],
] as const) {
  test(`on ${name} (${size.width} px) a long word in an alert, a toast or a notification wraps inside the window`, async ({
    api,
    browser,
  }) => {
    const [nurse, provider, otherClinic] = await Promise.all([
      restAs(api.url, 'nurse@riverside.test'),
      restAs(api.url, 'provider@riverside.test'),
      restAs(api.url, 'provider@lakeside.test'),
    ]);
    const context = await browser.newContext({ baseURL: api.url, viewport: size });
    const page = await context.newPage();
    await page.goto('/login');
    await signInOnPage(page, 'provider@riverside.test');

    // The urgent modal: title and details wrap, Acknowledge and Sign out stay in reach.
    const alert = await nurse.rest.post<AlertSummary>('/api/alerts', {
      title: longText('Alert'),
      body: longText('Details'),
      to: { userIds: [provider.user.id] },
    });
    expect(alert.status).toBe(201);
    const modal = page.getByTestId('urgent-alert-modal');
    await expect(modal).toBeVisible();
    await expectNoHorizontalOverflow(page, 'urgent modal');
    await expectWrapped(page, 'urgent modal', '[data-testid="urgent-alert-title"], [data-testid="urgent-alert-body"]');
    await expectWithinWindow(page, modal.getByTestId('urgent-alert-ack'));
    await expectWithinWindow(page, modal.getByTestId('urgent-alert-logout'));
    await modal.getByTestId('urgent-alert-ack').click();
    await expect(modal).toHaveCount(0);

    // A lab result's toast keeps its Dismiss in the window.
    const patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0]!;
    const lab = await nurse.rest.post('/api/lab-results', {
      patientId: patient.id,
      orderingProviderId: provider.user.id,
      testName: longText('Biopsy'),
    });
    expect(lab.status).toBe(201);
    const toast = page.getByTestId('notification-toast');
    await expect(toast).toBeVisible();
    await expectNoHorizontalOverflow(page, 'toast');
    await expectWrapped(page, 'toast', '[data-testid="notification-toast"] .title');
    await expectWithinWindow(page, toast.getByTestId('notification-toast-dismiss'));
    await toast.getByTestId('notification-toast-dismiss').click();

    expect(
      (await nurse.rest.post('/api/tasks', { assigneeId: provider.user.id, title: longText('Task') })).status,
    ).toBe(201);
    // The provider's own alert to the nurse, for the Alerts page.
    const own = await provider.rest.post<AlertSummary>('/api/alerts', {
      title: longText('Sent'),
      body: longText('Sent details'),
      to: { userIds: [nurse.user.id] },
    });
    expect(own.status).toBe(201);

    await page.getByTestId('notification-bell').click();
    const panel = page.getByTestId('notification-panel');
    await expect(panel.getByTestId('notification-item').filter({ hasText: LONG_WORD })).toHaveCount(3);
    await expectWrapped(page, 'bell panel', '[data-testid="notification-panel"] [data-testid="notification-title"]');
    await page.keyboard.press('Escape');

    for (const [path, selector] of [
      ['/notifications', '[data-testid="notification-title"]'],
      ['/alerts', '[data-testid="alert-row"] .title'],
      [`/alerts/${own.body.id}`, '[data-testid="alert-status-title"]'],
    ] as const) {
      await page.goto(path);
      await expect(badge(page)).toHaveAttribute('data-state', 'connected');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await expectNoHorizontalOverflow(page, path);
      await expectWrapped(page, path, selector);
    }

    // None of it reached the other clinic.
    const elsewhere = (await otherClinic.rest.get<NotificationList>('/api/notifications')).body.items;
    expect(elsewhere.filter((item) => item.title.includes(LONG_WORD))).toEqual([]);
    await context.close();
  });
}
