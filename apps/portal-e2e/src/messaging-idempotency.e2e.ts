import { ChatMessage, IDEMPOTENCY_KEY_HEADER, ThreadSummary } from '@derm/shared/contracts';
import { expect, expectNotReloaded, markDocument, restAs, submitSignIn, test } from './fixtures';

const POST_MESSAGE = /\/api\/threads\/[^/]+\/messages$/;

/** The clinic's clock: what the conversation list shows for an instant of today. */
const newYorkTime = (iso: string) =>
  new Intl.DateTimeFormat('en-US', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'America/New_York',
  }).format(new Date(iso));

test('a message whose answer is lost is sent again with the same key and stored once', async ({ api, signIn }) => {
  const nurse = await signIn('nurse@riverside.test');
  const keys: string[] = [];
  // The first attempt reaches the API, which stores the message; its answer never reaches the tab.
  await nurse.route(POST_MESSAGE, async (route) => {
    keys.push((await route.request().headerValue(IDEMPOTENCY_KEY_HEADER)) ?? '');
    if (keys.length === 1) {
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await nurse.getByTestId('nav-messages').click();
  const item = nurse.getByTestId('thread-item').first();
  const threadId = (await item.getAttribute('data-thread-id')) ?? '';
  await item.click();
  await expect(nurse.getByTestId('message').first()).toBeVisible();

  const text = `Lost answer ${Date.now()}`;
  await nurse.getByTestId('composer-input').fill(text);
  await nurse.getByTestId('composer-input').press('Enter');

  await expect(nurse.getByTestId('message-body').filter({ hasText: text })).toHaveCount(1);
  await expect(nurse.getByTestId('composer-input')).toHaveValue('');
  await expect(nurse.getByTestId('conversation-error')).toHaveCount(0);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  const { rest } = await restAs(api.url, 'nurse@riverside.test');
  const stored = (await rest.get<ChatMessage[]>(`/api/threads/${threadId}/messages?limit=200`)).body;
  expect(stored.filter((message) => message.body === text)).toHaveLength(1);

  // The next message is a new action: a new key.
  await nurse.getByTestId('composer-input').fill(`${text}, again`);
  await nurse.getByTestId('composer-input').press('Enter');
  await expect(nurse.getByTestId('message-body').filter({ hasText: `${text}, again` })).toHaveCount(1);
  expect(keys).toHaveLength(3);
  expect(keys[2]).not.toBe(keys[0]);
});

test('the conversation list shows each last activity on the clinic clock and re-sorts live when a message arrives', async ({
  api,
  browser,
}) => {
  const provider = await restAs(api.url, 'provider@riverside.test');
  const nurse = await restAs(api.url, 'nurse@riverside.test');
  const create = async (subject: string) =>
    (
      await provider.rest.post<ThreadSummary>('/api/threads', {
        participantIds: [nurse.user.id],
        subject,
      })
    ).body;
  const older = await create('Older conversation');
  const newer = await create('Newer conversation');

  // A browser on the other side of the world: the list still shows the clinic's (New York) time.
  const context = await browser.newContext({ baseURL: api.url, timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto('/login');
  await submitSignIn(page, 'nurse@riverside.test');
  await page.getByTestId('nav-messages').click();
  const items = page.getByTestId('thread-item');
  await expect(items.nth(0)).toHaveAttribute('data-thread-id', newer.id);
  await expect(items.nth(1)).toHaveAttribute('data-thread-id', older.id);
  await expect(items.nth(0).getByTestId('thread-activity')).toHaveText(newYorkTime(newer.lastActivityAt));
  await markDocument(page);

  const message = (
    await provider.rest.post<ChatMessage>(`/api/threads/${older.id}/messages`, {
      body: 'Moving up',
    })
  ).body;
  await expect(items.nth(0)).toHaveAttribute('data-thread-id', older.id);
  await expect(items.nth(1)).toHaveAttribute('data-thread-id', newer.id);
  await expect(items.nth(0).getByTestId('thread-activity')).toHaveText(newYorkTime(message.sentAt));
  await expect(items.nth(0).getByTestId('thread-activity')).toHaveAttribute('datetime', message.sentAt);
  await expectNotReloaded(page);

  // Another clinic's list has neither conversation.
  const lakeside = await restAs(api.url, 'frontdesk@lakeside.test');
  const theirs = (await lakeside.rest.get<ThreadSummary[]>('/api/threads')).body.map((thread) => thread.id);
  expect(theirs).not.toContain(older.id);
  expect(theirs).not.toContain(newer.id);
  await context.close();
});
