import { ThreadSummary } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { badge, expect, restAs, RestStaff, signInOnPage, test } from './fixtures';

interface Observed {
  shown: { title: string; body?: string; tag?: string }[];
  asked: number;
  beeps: number;
}
type ObservedWindow = Window & { observed: Observed; setHidden(hidden: boolean): void };

/**
 * Runs in the page before the portal: records every browser notification and every beep, answers
 * the permission request as the context's real permission does (asked only through this), and
 * lets the test hide the tab (`visibilityState`) as switching to another tab would.
 */
function observeNotifications(): void {
  const page = window as unknown as ObservedWindow;
  page.observed = { shown: [], asked: 0, beeps: 0 };
  const Real = window.Notification;
  const storedAnswer = () => (localStorage.getItem('test.permission') as NotificationPermission | null) ?? 'default';
  class ObservedNotification extends Real {
    static override get permission(): NotificationPermission {
      return storedAnswer();
    }
    static override async requestPermission(): Promise<NotificationPermission> {
      page.observed.asked += 1;
      const answer = await Real.requestPermission();
      localStorage.setItem('test.permission', answer);
      return answer;
    }
    constructor(title: string, options: NotificationOptions = {}) {
      super(title, options);
      page.observed.shown.push({ title, body: options.body, tag: options.tag });
    }
  }
  window.Notification = ObservedNotification;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: [number?]) {
    page.observed.beeps += 1;
    return start.apply(this, args);
  };
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  page.setHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

const observed = (page: Page) => page.evaluate(() => (window as unknown as ObservedWindow).observed);
const shownTitles = async (page: Page) => (await observed(page)).shown.map((n) => n.title);
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((value) => (window as unknown as ObservedWindow).setHidden(value), hidden);
const toggle = (page: Page) => page.getByTestId('browser-notifications-toggle');

async function openBellPanel(page: Page): Promise<void> {
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-panel')).toBeVisible();
}

async function closeBellPanel(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('notification-panel')).toBeHidden();
}

async function threadWith(from: RestStaff, to: string): Promise<string> {
  const created = await from.rest.post<ThreadSummary>('/api/threads', { participantIds: [to] });
  expect(created.status).toBe(201);
  return created.body.id;
}

const say = async (from: RestStaff, threadId: string, body: string) =>
  expect((await from.rest.post(`/api/threads/${threadId}/messages`, { body })).status).toBe(201);

const alert = async (from: RestStaff, title: string, to: object) =>
  expect((await from.rest.post('/api/alerts', { title, to })).status).toBe(201);

test('browser notifications: asked for only on opting in, shown only while the tab is hidden, only for the person who opted in', async ({
  api,
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  await nurse.context().grantPermissions(['notifications']);
  await nurse.context().addInitScript(observeNotifications);
  await nurse.reload();
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');

  const provider = await restAs(api.url, 'provider@riverside.test');
  const frontDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const otherClinic = await restAs(api.url, 'admin@lakeside.test');
  const nurseId = (await restAs(api.url, 'nurse@riverside.test')).user.id;
  const toNurse = await threadWith(provider, nurseId);
  const toDesk = await threadWith(provider, frontDesk.user.id);

  // Not opted in: a hidden tab shows nothing, and the browser was never asked.
  await setHidden(nurse, true);
  await alert(provider, 'Before opting in', { userIds: [nurseId] });
  await expect(nurse.getByTestId('urgent-alert-title')).toHaveText('Before opting in');
  await nurse.getByTestId('urgent-alert-ack').click();
  await setHidden(nurse, false);
  expect(await observed(nurse)).toEqual({ shown: [], asked: 0, beeps: 0 });

  await openBellPanel(nurse);
  await expect(toggle(nurse)).not.toBeChecked();
  await toggle(nurse).check();
  await expect(toggle(nurse)).toBeChecked();
  expect((await observed(nurse)).asked).toBe(1);
  await closeBellPanel(nurse);

  // Visible: the portal itself shows it, the browser does not.
  await alert(provider, 'Visible tab alert', { userIds: [nurseId] });
  await expect(nurse.getByTestId('urgent-alert-title')).toHaveText('Visible tab alert');
  await nurse.getByTestId('urgent-alert-ack').click();
  await say(provider, toNurse, 'Seen on screen');
  await expect(nurse.getByTestId('messages-unread')).toHaveText('1');
  expect(await observed(nurse)).toMatchObject({ shown: [], beeps: 0 });

  // Hidden: the urgent alert with its sender and a sound, then a message naming only who wrote.
  await setHidden(nurse, true);
  await alert(otherClinic, 'Lakeside only', { everyone: true });
  await alert(provider, 'Patient collapsed in room 3', { userIds: [nurseId] });
  await expect.poll(() => shownTitles(nurse)).toEqual(['Urgent alert: Patient collapsed in room 3']);
  expect((await observed(nurse)).shown[0]!.body).toBe('From Dr. Ana Ortiz · Provider');
  expect((await observed(nurse)).beeps).toBeGreaterThan(0);
  const beepsForTheAlert = (await observed(nurse)).beeps;
  await say(provider, toDesk, 'For the front desk only');
  await say(provider, toNurse, 'Biopsy results are in the chart');
  await expect
    .poll(() => shownTitles(nurse))
    .toEqual(['Urgent alert: Patient collapsed in room 3', 'New message from Dr. Ana Ortiz']);
  const message = (await observed(nurse)).shown[1]!;
  expect(message.body).not.toContain('Biopsy');
  expect((await observed(nurse)).beeps).toBe(beepsForTheAlert);

  // Another person signs in on this tab: the nurse's choice is not theirs, and the nurse's news stays away.
  await setHidden(nurse, false);
  await nurse.getByTestId('urgent-alert-ack').click();
  await nurse.getByTestId('logout').click();
  await expect(nurse).toHaveURL(/\/login/);
  await say(provider, toNurse, 'While signed out');
  await signInOnPage(nurse, 'frontdesk@riverside.test');
  await openBellPanel(nurse);
  await expect(toggle(nurse)).not.toBeChecked();
  await closeBellPanel(nurse);
  await setHidden(nurse, true);
  await say(provider, toNurse, 'For the nurse, after the switch');
  await alert(provider, 'For the front desk, hidden but not opted in', { userIds: [frontDesk.user.id] });
  await expect(nurse.getByTestId('urgent-alert-title')).toHaveText('For the front desk, hidden but not opted in');
  expect((await observed(nurse)).shown).toHaveLength(2);

  // The nurse's choice is remembered in this browser, without asking again.
  await setHidden(nurse, false);
  await nurse.getByTestId('urgent-alert-ack').click();
  await nurse.getByTestId('logout').click();
  await expect(nurse).toHaveURL(/\/login/);
  await signInOnPage(nurse, 'nurse@riverside.test');
  await openBellPanel(nurse);
  await expect(toggle(nurse)).toBeChecked();
  expect((await observed(nurse)).asked).toBe(1);
});
