import { ChatMessage } from '@derm/shared/contracts';
import { Page } from '@playwright/test';
import { badge, expect, restAs, RestStaff, riversideOverRest, startThreadOverRest, test, threadItem } from './fixtures';

/** The thread's messages with this text, as the server has them. */
async function storedWith(reader: RestStaff, threadId: string, body: string): Promise<number> {
  const answer = await reader.rest.get<ChatMessage[]>(`/api/threads/${threadId}/messages`);
  expect(answer.status).toBe(200);
  return answer.body.filter((message) => message.body === body).length;
}

/** Every message post the tab makes from now on. */
function recordPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/threads\/[^/]+\/messages$/.test(request.url()))
      posts.push(request.url());
  });
  return posts;
}

async function sendOffline(page: Page, text: string): Promise<void> {
  await page.context().setOffline(true);
  await expect(badge(page)).toHaveAttribute('data-state', 'offline');
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
  await expect(page.getByTestId('unsent-message')).toHaveCount(1);
  await expect(page.getByTestId('unsent-body')).toHaveText(text);
  await expect(page.getByTestId('not-sent')).toHaveText('Not sent — will send when reconnected');
  await expect(page.getByTestId('composer-input')).toHaveValue('');
}

// `setOffline` fires the browser's `offline` event, which closes the socket at once, and fails every request.
test('a message sent while offline waits as not sent, and is sent once when the connection is back', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const lakeside = await restAs(api.url, 'nurse@lakeside.test');
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Room 5 excision' });
  const nurse = await signIn('nurse@riverside.test');
  const provider = await signIn('provider@riverside.test');
  for (const page of [nurse, provider]) {
    await page.goto(`/messages/${thread.id}`);
    await expect(page.getByTestId('conversation-messages')).toContainText('No messages yet');
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  }
  const posts = recordPosts(nurse);

  await sendOffline(nurse, 'Sutures are on the tray');
  expect(posts).toEqual([]);
  expect(await storedWith(providerRest, thread.id, 'Sutures are on the tray')).toBe(0);

  await nurse.context().setOffline(false);
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await expect(nurse.getByTestId('message-body')).toHaveText(['Sutures are on the tray']);
  await expect(nurse.getByTestId('unsent-message')).toHaveCount(0);
  await expect(provider.getByTestId('message-body')).toHaveText(['Sutures are on the tray']);
  await expect.poll(() => storedWith(providerRest, thread.id, 'Sutures are on the tray')).toBe(1);
  expect(posts).toHaveLength(1);
  await expect(nurse.getByTestId('conversation-error')).toHaveCount(0);
  // Another clinic has no way into the thread.
  expect((await lakeside.rest.get(`/api/threads/${thread.id}/messages`)).status).toBeGreaterThanOrEqual(403);
});

const MESSAGE_POST = /\/api\/threads\/[^/]+\/messages$/;

test('a held message whose post is lost once the network is back is sent again while connected, not left for the next reconnection', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Biopsy results' });
  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/messages/${thread.id}`);
  await expect(nurse.getByTestId('conversation-messages')).toContainText('No messages yet');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await sendOffline(nurse, 'Results are in');

  // The network comes back, but the held message's posts are cut (a Wi-Fi hiccup): the first and both retries.
  let cut = 0;
  await nurse.route(MESSAGE_POST, (route) =>
    route.request().method() === 'POST' ? (cut++, route.abort('connectionreset')) : route.continue(),
  );
  await nurse.context().setOffline(false);
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await expect.poll(() => cut, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await expect(nurse.getByTestId('not-sent')).toHaveText('Not sent yet — trying again shortly');

  // The socket stays up, so no reconnection comes to send it: it is sent again by itself.
  await nurse.unroute(MESSAGE_POST);
  await expect(nurse.getByTestId('message-body')).toHaveText(['Results are in'], { timeout: 30_000 });
  await expect(nurse.getByTestId('unsent-message')).toHaveCount(0);
  await expect.poll(() => storedWith(providerRest, thread.id, 'Results are in')).toBe(1);
});

test('offline, a conversation opened again shows what waits to be sent there, though it cannot be loaded', async ({
  api,
  signIn,
}) => {
  const [nurseRest, providerRest] = await riversideOverRest(api.url, 'nurse', 'provider');
  const first = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Room 2' });
  const second = await startThreadOverRest(nurseRest, [providerRest], { subject: 'Room 3' });
  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/messages/${first.id}`);
  await expect(nurse.getByTestId('conversation-messages')).toContainText('No messages yet');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  await sendOffline(nurse, 'Ready for you');

  // To the other conversation and back, still offline: neither can be loaded.
  await threadItem(nurse, second.id).click();
  await expect(nurse).toHaveURL(new RegExp(`/messages/${second.id}$`));
  await threadItem(nurse, first.id).click();
  await expect(nurse).toHaveURL(new RegExp(`/messages/${first.id}$`));
  await expect(nurse.getByTestId('conversation-error')).toContainText('Could not load this conversation');
  await expect(nurse.getByTestId('unsent-body')).toHaveText(['Ready for you']);
  await expect(nurse.getByTestId('not-sent')).toHaveText('Not sent — will send when reconnected');

  await nurse.context().setOffline(false);
  await expect(nurse.getByTestId('message-body')).toHaveText(['Ready for you'], { timeout: 15_000 });
  await expect(nurse.getByTestId('unsent-message')).toHaveCount(0);
  await expect.poll(() => storedWith(providerRest, first.id, 'Ready for you')).toBe(1);
  expect(await storedWith(providerRest, second.id, 'Ready for you')).toBe(0);
});
