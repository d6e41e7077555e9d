import { ChatMessage, MESSAGE_BODY_MAX_LENGTH } from '@derm/shared/contracts';
import { login, RestClient } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import {
  badge,
  expect,
  expectNotReloaded,
  markDocument,
  postOverRest,
  restAs,
  riversideOverRest,
  startThreadOverRest,
  test,
  threadItem,
} from './fixtures';

async function openDemoThread(page: Page): Promise<string> {
  await page.getByTestId('nav-messages').click();
  await expect(page).toHaveURL(/\/messages$/);
  const item = page.getByTestId('thread-item').first();
  const threadId = await item.getAttribute('data-thread-id');
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/messages/${threadId}$`));
  await expect(page.getByTestId('message').first()).toBeVisible();
  return threadId ?? '';
}

/**
 * Holds the page's requests for its unread counts (asked once its socket is up) until `release()`,
 * so that its lines are on screen, and what the test does next has happened, before the counts.
 */
async function holdUnreadCounts(page: Page): Promise<{ asked: () => number; release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route('**/api/threads/unread-count', async (route) => {
    asked += 1;
    await released;
    await route.continue();
  });
  return { asked: () => asked, release };
}

/** Types the text and sends it with Enter; returns the message the API stored. */
async function typeAndSend(page: Page, text: string): Promise<ChatMessage> {
  const input = page.getByTestId('composer-input');
  await input.pressSequentially(text, { delay: 60 });
  const posted = page.waitForResponse(
    (response) => /\/api\/threads\/[^/]+\/messages$/.test(response.url()) && response.request().method() === 'POST',
  );
  await input.press('Enter');
  const response = await posted;
  expect(response.status()).toBe(201);
  return (await response.json()) as ChatMessage;
}

function message(page: Page, id: string) {
  return page.locator(`[data-testid="message"][data-message-id="${id}"]`);
}

test('two colleagues message live: typing, delivery, the unread badge on another page, and seen-by', async ({
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  for (const page of [nurse, provider]) await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await expect(provider.getByTestId('messages-unread')).toHaveText('0');

  const threadId = await openDemoThread(nurse);
  expect(await openDemoThread(provider)).toBe(threadId);
  await markDocument(provider);

  // Typing shows on the other side while the nurse writes, and clears once she sends.
  const input = nurse.getByTestId('composer-input');
  await input.pressSequentially('Jordan is in exam room 2', { delay: 60 });
  await expect(provider.getByTestId('typing-indicator')).toHaveText('Nora Quinn is typing…');
  await input.press('Enter');
  await expect(provider.getByTestId('typing-indicator')).toHaveText('');
  const first = provider.getByTestId('message').last();
  await expect(first.getByTestId('message-body')).toHaveText('Jordan is in exam room 2');
  await expect(first.getByTestId('message-sender')).toHaveText('Nora Quinn');
  await expectNotReloaded(provider);
  // Open in front of her, so it is read at once: no badge, and the nurse sees it seen.
  await expect(provider.getByTestId('messages-unread')).toHaveText('0');
  await expect(nurse.getByTestId('message').last().getByTestId('seen-by')).toContainText('Dr. Ana Ortiz');

  // On another page, the next message raises the header badge…
  await provider.getByRole('link', { name: 'Schedule' }).click();
  await expect(provider).toHaveURL(/\/schedule$/);
  const second = await typeAndSend(nurse, 'Biopsy kit is ready too');
  await expect(provider.getByTestId('messages-unread')).toHaveText('1');
  await expect(message(nurse, second.id).getByTestId('seen-by')).toHaveCount(0);

  // …which returns to zero once she opens the thread, and the nurse sees it read.
  await provider.getByTestId('nav-messages').click();
  await expect(threadItem(provider, threadId).getByTestId('thread-unread')).toHaveText('1');
  await threadItem(provider, threadId).click();
  await expect(message(provider, second.id)).toBeVisible();
  await expect(provider.getByTestId('messages-unread')).toHaveText('0');
  await expect(message(nurse, second.id).getByTestId('seen-by')).toHaveText('Seen by Dr. Ana Ortiz');
  await expectNotReloaded(provider);
});

test('opening a thread while a colleague is typing in it shows them at once', async ({ signIn }) => {
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  const threadId = await openDemoThread(nurse);
  // Two keystrokes send one typing:start and no renewal, so only the provider's join can tell her.
  await nurse.getByTestId('composer-input').pressSequentially('Jo');
  expect(await openDemoThread(provider)).toBe(threadId);
  await expect(provider.getByTestId('typing-indicator')).toHaveText('Nora Quinn is typing…');
  // …and it ends with the start's lapse on the server, as any typing does.
  await expect(provider.getByTestId('typing-indicator')).toHaveText('', { timeout: 10_000 });
});

test('after the API restarts, the open thread re-syncs what was missed and rejoins its room', async ({
  api,
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  const threadId = await openDemoThread(provider);
  await openDemoThread(nurse);
  await markDocument(provider);

  await api.stop();
  await expect(badge(provider)).toHaveAttribute('data-state', 'reconnecting');
  // Keep the provider away until the message exists, so that only a re-sync can show it.
  await provider.context().setOffline(true);
  await api.start();
  const rest = new RestClient(api.url, (await login(api.url, 'nurse@riverside.test')).accessToken);
  const missed = await rest.post<ChatMessage>(`/api/threads/${threadId}/messages`, {
    body: 'Sent while you were away',
  });
  expect(missed.status).toBe(201);

  await provider.context().setOffline(false);
  await expect(badge(provider)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(message(provider, missed.body.id)).toBeVisible();
  await expect(provider.getByTestId('messages-unread')).toHaveText('0');

  // Typing only reaches sockets in the thread room: the provider's new socket joined it again.
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await nurse.getByTestId('composer-input').pressSequentially('Back online', { delay: 60 });
  await expect(provider.getByTestId('typing-indicator')).toHaveText('Nora Quinn is typing…');
  await expectNotReloaded(provider);
});

test('a one-to-one conversation started from a colleague link reaches them, and the link then reopens it', async ({
  api,
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  const frontDesk = await signIn('frontdesk@riverside.test');
  const frontDeskId = (await login(api.url, 'frontdesk@riverside.test')).user.id;
  // The demo thread has one message the front desk has not read yet.
  await expect(frontDesk.getByTestId('messages-unread')).toHaveText('1');

  await nurse.goto(`/messages?to=${frontDeskId}`);
  const form = nurse.getByTestId('new-thread-form');
  await expect(form.locator(`[data-testid="new-thread-participant"][data-staff-id="${frontDeskId}"]`)).toBeChecked();
  await form.getByTestId('new-thread-subject').fill('Tomorrow’s list');
  await form.getByTestId('new-thread-submit').click();
  await expect(nurse).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const threadId = nurse.url().split('/').at(-1) ?? '';
  await expect(nurse.getByTestId('conversation-subject')).toHaveText('Tomorrow’s list');

  const sent = await typeAndSend(nurse, 'Can you confirm tomorrow’s first three patients?');
  await expect(message(nurse, sent.id)).toBeVisible();
  await expect(frontDesk.getByTestId('messages-unread')).toHaveText('2');
  await frontDesk.getByTestId('nav-messages').click();
  const item = threadItem(frontDesk, threadId);
  await expect(item.getByTestId('thread-unread')).toHaveText('1');
  await item.click();
  await expect(message(frontDesk, sent.id).getByTestId('message-body')).toHaveText(sent.body);
  await expect(frontDesk.getByTestId('messages-unread')).toHaveText('1');

  await nurse.goto(`/messages?to=${frontDeskId}`);
  await expect(nurse).toHaveURL(new RegExp(`/messages/${threadId}$`));
  await expect(message(nurse, sent.id).getByTestId('seen-by')).toHaveText('Seen by Felix Park');
});

test('a colleague link to someone deactivated before the page loaded chooses no one, says so, and starts a conversation only with who is ticked', async ({
  api,
  signIn,
}) => {
  const admin = await restAs(api.url, 'admin@riverside.test');
  const { user: frontDesk } = await login(api.url, 'frontdesk@riverside.test');
  expect((await admin.rest.patch(`/api/staff/${frontDesk.id}`, { active: false })).status).toBe(200);
  const nurse = await signIn('nurse@riverside.test');

  await nurse.goto(`/messages?to=${frontDesk.id}`);
  const form = nurse.getByTestId('new-thread-form');
  await expect(form.getByTestId('new-thread-unlisted')).toHaveText(
    "The colleague you chose is not on the clinic's active staff. Choose who to write to.",
  );
  await expect(form.locator(`[data-staff-id="${frontDesk.id}"]`)).toHaveCount(0);
  await expect(form.locator('[data-testid="new-thread-participant"]:checked')).toHaveCount(0);
  await form.getByTestId('new-thread-submit').click();
  await expect(form.getByTestId('new-thread-error')).toHaveText('Choose at least one colleague.');

  await form.locator(`[data-testid="new-thread-participant"][data-staff-id="${admin.user.id}"]`).check();
  await form.getByTestId('new-thread-submit').click();
  await expect(nurse).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  // Named after its people: the admin and the nurse, not the front desk.
  await expect(nurse.getByTestId('conversation-subject')).toHaveText(
    /^(Alma Reyes, Nora Quinn|Nora Quinn, Alma Reyes)$/,
  );
});

test('a thread started without a subject is named after its people once, in its header and in the list', async ({
  api,
  signIn,
}) => {
  const nurse = await signIn('nurse@riverside.test');
  const frontDeskId = (await login(api.url, 'frontdesk@riverside.test')).user.id;
  await nurse.goto(`/messages?to=${frontDeskId}`);
  const form = nurse.getByTestId('new-thread-form');
  await expect(form.locator(`[data-testid="new-thread-participant"][data-staff-id="${frontDeskId}"]`)).toBeChecked();
  await form.getByTestId('new-thread-submit').click();
  await expect(nurse).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const threadId = nurse.url().split('/').at(-1) ?? '';

  const subject = nurse.getByTestId('conversation-subject');
  await expect(subject).toContainText('Felix Park');
  await expect(subject).toContainText('Nora Quinn');
  await expect(nurse.getByTestId('conversation-participants')).toHaveCount(0);
  const item = threadItem(nurse, threadId);
  await expect(item.getByTestId('thread-preview')).toHaveText('No messages yet');

  // A thread with a subject of its own still shows who is in it.
  await nurse.locator(`[data-testid="thread-item"]:not([data-thread-id="${threadId}"])`).first().click();
  await expect(nurse.getByTestId('conversation-participants')).toContainText('Nora Quinn');
  await expect(subject).not.toContainText('Nora Quinn');
});

/** Puts the page's tab in the background or brings it back, as switching browser tabs does. */
async function setTabVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((isVisible) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (isVisible ? 'visible' : 'hidden'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

test('a thread open in a background tab is not marked read until the tab is on screen', async ({ signIn }) => {
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  const threadId = await openDemoThread(nurse);
  expect(await openDemoThread(provider)).toBe(threadId);
  await expect(provider.getByTestId('messages-unread')).toHaveText('0');

  await setTabVisible(provider, false);
  const sent = await typeAndSend(nurse, 'Can you sign the biopsy consent?');
  await expect(message(provider, sent.id)).toBeVisible();
  await expect(provider.getByTestId('messages-unread')).toHaveText('1');
  await expect(message(nurse, sent.id).getByTestId('seen-by')).toHaveCount(0);

  await setTabVisible(provider, true);
  await expect(provider.getByTestId('messages-unread')).toHaveText('0');
  await expect(message(nurse, sent.id).getByTestId('seen-by')).toHaveText('Seen by Dr. Ana Ortiz');
});

test('a conversation opened with unread messages marks where the new ones start, for its reader only, while it stays open', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Room 6 cryo' });
  await postOverRest(nurseRest, thread.id, 'Is the nitrogen in?');
  await postOverRest(providerRest, thread.id, 'Yes, this morning');
  await postOverRest(providerRest, thread.id, 'Bring the small probe');

  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  await provider.goto(`/messages/${thread.id}`);
  await nurse.getByTestId('nav-messages').click();
  await threadItem(nurse, thread.id).click();
  const newStartsAt = nurse.locator(
    '[data-testid="new-messages"] + [data-testid="message"] [data-testid="message-body"]',
  );
  await expect(newStartsAt).toHaveText('Yes, this morning');
  await expect(nurse.getByTestId('new-messages')).toHaveCount(1);
  await expect(nurse.getByTestId('messages-unread')).toHaveText('0');
  await expect(provider.getByTestId('message-body')).toHaveCount(3);
  await expect(provider.getByTestId('new-messages')).toHaveCount(0);

  // Read now, the mark stays where it was while she reads on, a live reply included.
  await postOverRest(providerRest, thread.id, 'Room 6, not 5');
  await expect(nurse.getByTestId('message-body').last()).toHaveText('Room 6, not 5');
  await expect(nurse.getByTestId('new-messages')).toHaveCount(1);
  await expect(newStartsAt).toHaveText('Yes, this morning');

  // Opened again, nothing is new.
  await nurse.getByRole('link', { name: 'Schedule' }).click();
  await nurse.getByTestId('nav-messages').click();
  await threadItem(nurse, thread.id).click();
  await expect(nurse.getByTestId('message-body')).toHaveCount(4);
  await expect(nurse.getByTestId('new-messages')).toHaveCount(0);
});

test('a conversation reloaded with unread messages marks where the new ones start, however late the unread count comes', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Room 4 shave biopsy' });
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  // Her page places "New" once her unread counts are known: a line arriving before them would be new to it.
  await provider.goto(`/messages/${thread.id}`);
  await expect(provider.getByTestId('conversation-messages')).toContainText('No messages yet');
  await expect(provider.getByTestId('conversation-messages')).toHaveAttribute('data-new-placed', 'true');
  await postOverRest(nurseRest, thread.id, 'Lidocaine is drawn up');
  await expect(provider.getByTestId('message-body')).toHaveText(['Lidocaine is drawn up']);
  await postOverRest(providerRest, thread.id, 'Coming in two minutes');
  await postOverRest(providerRest, thread.id, 'Use the 4 mm punch');

  // The page reloads on the thread; its counts come once the socket is up, after the messages.
  const counts = await holdUnreadCounts(nurse);
  await nurse.goto(`/messages/${thread.id}`);
  await expect(nurse.getByTestId('message-body')).toHaveCount(3);
  await expect.poll(counts.asked).toBeGreaterThan(0);
  counts.release();

  await expect(nurse.getByTestId('messages-unread')).toHaveText('0');
  await expect(nurse.getByTestId('new-messages')).toHaveCount(1);
  await expect(
    nurse.locator('[data-testid="new-messages"] + [data-testid="message"] [data-testid="message-body"]'),
  ).toHaveText('Coming in two minutes');
  // Her reading is hers: the provider, who wrote them, has nothing new.
  await expect(provider.getByTestId('new-messages')).toHaveCount(0);
});

test('a line that arrives while a reloaded conversation waits for its unread counts is not marked new: it came while she looked', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Room 2 cryotherapy' });
  await postOverRest(nurseRest, thread.id, 'Patient is in room 2');
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  await provider.goto(`/messages/${thread.id}`);
  await expect(provider.getByTestId('message-body')).toHaveText(['Patient is in room 2']);

  // The nurse reloads the thread; her counts are asked once her socket is up and answered only later.
  const counts = await holdUnreadCounts(nurse);
  await nurse.goto(`/messages/${thread.id}`);
  await expect(nurse.getByTestId('message-body')).toHaveText(['Patient is in room 2']);
  await expect.poll(counts.asked).toBeGreaterThan(0);
  await postOverRest(providerRest, thread.id, 'On my way');
  await expect(nurse.getByTestId('message-body')).toHaveText(['Patient is in room 2', 'On my way']);
  counts.release();

  // She reads it once "New" is placed: the provider sees so, and only then is her page settled.
  await expect(provider.getByTestId('message').filter({ hasText: 'On my way' }).getByTestId('seen-by')).toBeVisible();
  await expect(nurse.getByTestId('messages-unread')).toHaveText('0');
  await expect(nurse.getByTestId('new-messages')).toHaveCount(0);
  // The provider opened it with her line unread: his "New" stands before it, as it did.
  await expect(
    provider.locator('[data-testid="new-messages"] + [data-testid="message"] [data-testid="message-body"]'),
  ).toHaveText('Patient is in room 2');
});

test('what colleagues write shows as written: markup as text, right-to-left text right to left, a very long word inside its bubble', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const markup = '<img src=x onerror="document.title=1"> <b>bold</b> & <script>alert(1)</script>';
  const arabic = 'هل وصلت نتيجة الخزعة؟';
  const hebrew = 'המטופל בחדר 3.';
  const longWord = 'Dermatofibrosarcoma'.repeat(40);
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: `${markup} 👩‍⚕️` });
  for (const body of [markup, arabic, hebrew, `Lesion 😊 ${longWord}`])
    await postOverRest(providerRest, thread.id, body);

  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/messages/${thread.id}`);
  const bodies = nurse.getByTestId('message-body');
  await expect(bodies).toHaveText([markup, arabic, hebrew, `Lesion 😊 ${longWord}`]);
  await expect(nurse.getByTestId('conversation-subject')).toHaveText(`${markup} 👩‍⚕️`);
  await expect(nurse.locator('derm-conversation img, derm-conversation b, derm-conversation script')).toHaveCount(0);
  await expect(nurse).toHaveTitle(/Messages/);

  // Each message takes its direction from its own text, so "؟" ends the Arabic question on its left.
  const direction = (index: number) => bodies.nth(index).evaluate((element) => getComputedStyle(element).direction);
  expect([await direction(0), await direction(1), await direction(2), await direction(3)]).toEqual([
    'ltr',
    'rtl',
    'rtl',
    'ltr',
  ]);
  await expect(threadItem(nurse, thread.id).getByTestId('thread-preview')).toHaveText(
    `Dr. Ana Ortiz: Lesion 😊 ${longWord}`,
  );
  const bubble = await nurse.getByTestId('message').last().boundingBox();
  const scroller = await nurse.getByTestId('conversation-messages').boundingBox();
  expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(scroller!.x + scroller!.width);
  expect(await nurse.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);

  // The nurse answers in Hebrew: her box writes right to left as she types.
  await nurse.getByTestId('composer-input').fill('כן, תודה');
  await expect
    .poll(() => nurse.getByTestId('composer-input').evaluate((element) => getComputedStyle(element).direction))
    .toBe('rtl');
});

test('a message of emoji takes as many as the API keeps, an emoji counting one as the API counts it, and no more', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Emoji' });
  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/messages/${thread.id}`);
  const input = nurse.getByTestId('composer-input');
  const longest = '😀'.repeat(MESSAGE_BODY_MAX_LENGTH);

  // `maxlength` counted each emoji as two and stopped at half; one past the API's limit is cut as pasted.
  await input.fill(`${longest}😀`);
  await expect(input).toHaveValue(longest);
  // Said, rather than cut in silence: the end of a paste would be sent without it.
  const note = nurse.getByTestId('composer-note');
  const leftOut = `Left out 1 character that did not fit: at most ${MESSAGE_BODY_MAX_LENGTH.toLocaleString('en-US')} characters fit here.`;
  await expect(note).toHaveText(leftOut);
  await input.pressSequentially('x');
  await expect(input).toHaveValue(longest);
  await expect(note).toHaveText(leftOut);

  const posted = nurse.waitForResponse(
    (response) =>
      response.url().endsWith(`/api/threads/${thread.id}/messages`) && response.request().method() === 'POST',
  );
  await input.press('Enter');
  const response = await posted;
  expect(response.status()).toBe(201);
  expect(((await response.json()) as ChatMessage).body).toBe(longest);
  // Sent: the box is empty, and the note with it.
  await expect(input).toHaveValue('');
  await expect(note).toHaveText('');
  const [stored] = (await providerRest.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages?limit=1`)).body;
  expect(stored.body).toBe(longest);
});
