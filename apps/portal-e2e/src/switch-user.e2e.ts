import {
  AppointmentSummary,
  calendarDayIn,
  ChatMessage,
  PatientSummary,
  StaffMember,
  ThreadSummary,
  UnreadMessagesCount,
  zonedTime,
} from '@derm/shared/contracts';
import { TcpBalancer } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { appointmentRow, badge, expect, restAs, RestStaff, signInOnPage, testThroughProxy } from './fixtures';

/**
 * Another person signing in on the same tab. Right after a network drop is the worst moment: a
 * reused Socket.IO client would ask the server to restore the previous person's session and rooms.
 */
const test = testThroughProxy;

async function signInHere(page: Page, email: string): Promise<void> {
  await expect(page).toHaveURL(/\/login/);
  await signInOnPage(page, email);
}

/** Every Socket.IO frame the page sends and receives from now on, over any socket it opens. */
function recordFrames(page: Page): { sent: string[]; received: string[] } {
  const frames = { sent: [] as string[], received: [] as string[] };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => frames.sent.push(String(payload)));
    socket.on('framereceived', ({ payload }) => frames.received.push(String(payload)));
  });
  return frames;
}

/** Signs in as the nurse, drops her connection, and signs her out while it is down. */
async function nurseSignsOutAfterADrop(tab: Page, network: TcpBalancer): Promise<void> {
  await tab.goto('/login');
  await signInHere(tab, 'nurse@riverside.test');
  await expect(tab.getByTestId('current-user')).toHaveText('Nora Quinn');
  // Refused, her socket cannot come back and end its session cleanly: the server keeps it.
  network.refuse(true);
  network.cut();
  await expect(badge(tab)).toHaveAttribute('data-state', 'reconnecting');
  await tab.getByTestId('logout').click();
  await expect(tab).toHaveURL(/\/login$/);
  await expect(tab.getByTestId('current-user')).toHaveCount(0);
  network.refuse(false);
}

/**
 * Books today at hour:00 in the clinic's time zone, the day its schedule shows (confirmed, as the
 * hour may have passed), half an hour, with the clinic's first patient and provider.
 */
async function book(staff: RestStaff, hour: number): Promise<AppointmentSummary> {
  const patient = (await staff.rest.get<PatientSummary[]>('/api/patients')).body[0]!;
  const provider = (await staff.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'provider')!;
  const { timeZone } = staff.user;
  const day = calendarDayIn(new Date(), timeZone);
  const created = await staff.rest.post<AppointmentSummary>('/api/appointments', {
    patientId: patient.id,
    providerId: provider.id,
    startsAt: zonedTime(day, `${hour}:00`, timeZone).toISOString(),
    endsAt: zonedTime(day, `${hour}:30`, timeZone).toISOString(),
    type: 'skin-check',
    confirmPast: true,
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** A thread of the provider and the nurse only, and a message in it. */
async function nurseOnlyThread(api: string, body: string): Promise<{ thread: ThreadSummary; message: ChatMessage }> {
  const provider = await restAs(api, 'provider@riverside.test');
  const nurse = (await provider.rest.get<StaffMember[]>('/api/staff')).body.find((m) => m.role === 'nurse')!;
  const thread = await provider.rest.post<ThreadSummary>('/api/threads', { participantIds: [nurse.id], subject: body });
  expect(thread.status).toBe(201);
  const message = await provider.rest.post<ChatMessage>(`/api/threads/${thread.body.id}/messages`, { body });
  expect(message.status).toBe(201);
  return { thread: thread.body, message: message.body };
}

/** The next person's socket is a new one: its handshake asks for no session to be restored. */
function expectFreshHandshakes(sent: readonly string[]): void {
  const connects = sent.filter((frame) => frame.startsWith('40'));
  expect(connects.length).toBeGreaterThan(0);
  for (const frame of connects) expect(frame).not.toContain('"pid"');
}

test('the front desk of another clinic, signing in on the nurse’s tab after a drop, gets nothing of her clinic', async ({
  api,
  network,
  tab,
}) => {
  await nurseSignsOutAfterADrop(tab, network);
  const frames = recordFrames(tab);
  await signInHere(tab, 'frontdesk@lakeside.test');
  await expect(tab.getByTestId('current-clinic')).toHaveText('Lakeside Skin Clinic');

  const riversideDesk = await restAs(api.url, 'frontdesk@riverside.test');
  const riversideBooking = await book(riversideDesk, 20);
  const { thread, message } = await nurseOnlyThread(api.url, 'Biopsy results for room 2');
  // Lakeside activity after it: once it shows, anything sent to the riverside rooms would have too.
  const lakesideBooking = await book(await restAs(api.url, 'nurse@lakeside.test'), 21);
  await expect(appointmentRow(tab, lakesideBooking.id)).toBeVisible();

  await expect(appointmentRow(tab, riversideBooking.id)).toHaveCount(0);
  const received = frames.received.join('\n');
  for (const leaked of [riversideBooking.id, riversideDesk.user.tenantId, thread.id, message.id]) {
    expect(received).not.toContain(leaked);
  }
  expectFreshHandshakes(frames.sent);
});

test('the front desk, signing in on the nurse’s tab after a drop, gets nothing of a thread only the nurse is in', async ({
  api,
  network,
  tab,
}) => {
  await nurseSignsOutAfterADrop(tab, network);
  const frames = recordFrames(tab);
  await signInHere(tab, 'frontdesk@riverside.test');
  const desk = await restAs(api.url, 'frontdesk@riverside.test');
  const ownUnread = (await desk.rest.get<UnreadMessagesCount>('/api/threads/unread-count')).body.total;

  const { thread, message } = await nurseOnlyThread(api.url, 'Only between the two of us');
  // Clinic activity after it: once it shows, the nurse's message would have too.
  const booking = await book(await restAs(api.url, 'provider@riverside.test'), 20);
  await expect(appointmentRow(tab, booking.id)).toBeVisible();

  const received = frames.received.join('\n');
  for (const leaked of [thread.id, message.id, message.body]) expect(received).not.toContain(leaked);
  await expect(tab.getByTestId('messages-unread')).toHaveText(String(ownUnread));
  await tab.getByTestId('nav-messages').click();
  await expect(tab.getByTestId('thread-item').first()).toBeVisible();
  await expect(tab.locator(`[data-testid="thread-item"][data-thread-id="${thread.id}"]`)).toHaveCount(0);
  expectFreshHandshakes(frames.sent);
});

test('switching user on a shared computer: sign-out ends the session on the server, and the next person never sees the previous one', async ({
  tab,
}) => {
  await tab.goto('/login');
  await signInHere(tab, 'nurse@riverside.test');
  await tab.getByTestId('online-staff-toggle').click();
  await expect(tab.getByTestId('online-staff-name').filter({ hasText: 'Nora Quinn' })).toBeVisible();
  await tab.keyboard.press('Escape');
  const nurseToken = await tab.evaluate(() => JSON.parse(sessionStorage.getItem('derm.session') ?? '{}').accessToken);

  // Whatever is put on screen from sign-out on, however briefly, is recorded.
  await tab.evaluate(
    (markers) => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver((records) => {
        for (const record of records) {
          const text =
            record.type === 'characterData'
              ? (record.target.textContent ?? '')
              : Array.from(record.addedNodes, (node) => node.textContent ?? '').join(' ');
          seen.push(...markers.filter((marker) => text.includes(marker)));
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    },
    ['Nora Quinn', 'Riverside Dermatology'],
  );

  const logout = tab.waitForRequest((request) => request.url().endsWith('/api/auth/logout'));
  await tab.getByTestId('logout').click();
  expect((await logout).method()).toBe('POST');
  expect((await logout).headers()['authorization']).toBe(`Bearer ${nurseToken}`);

  await signInHere(tab, 'frontdesk@lakeside.test');
  await expect(tab.getByTestId('current-clinic')).toHaveText('Lakeside Skin Clinic');
  // Her clinic's staff are in: any of the nurse's clinic would have been on screen by now.
  await tab.getByTestId('online-staff-toggle').click();
  await expect(tab.getByTestId('online-staff-name')).toHaveText(['Theo Grant']);
  expect(await tab.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
});
