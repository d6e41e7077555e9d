import { ChatMessage } from '@derm/shared/contracts';
import {
  badge,
  expect,
  postOverRest,
  restAs,
  riversideOverRest,
  signInOnPage,
  startThreadOverRest,
  test,
  threadItem,
} from './fixtures';

test('a reply half-written stays with its conversation: another starts empty, the list marks it, and it is back on return until sent', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const room = await startThreadOverRest(nurseRest, [provider], { subject: 'Room 2 biopsy' });
  await postOverRest(provider, room.id, 'Is the kit ready?');
  const lab = await startThreadOverRest(nurseRest, [provider], { subject: 'Lab courier' });
  await postOverRest(provider, lab.id, 'Courier at 3');

  const nurse = await signIn('nurse@riverside.test');
  const providerTab = await signIn('provider@riverside.test');
  await providerTab.goto('/messages');
  await nurse.goto(`/messages/${room.id}`);
  const composer = nurse.getByTestId('composer-input');
  await composer.fill('The kit is on the');

  // Another conversation has its own (empty) box; the list says where the words are.
  await threadItem(nurse, lab.id).click();
  await expect(nurse.getByTestId('conversation-subject')).toHaveText('Lab courier');
  await expect(composer).toHaveValue('');
  await expect(threadItem(nurse, room.id).getByTestId('thread-preview')).toHaveText('Draft: The kit is on the');
  await expect(threadItem(nurse, lab.id).getByTestId('thread-preview')).toHaveText('Dr. Ana Ortiz: Courier at 3');

  // Another page and back: still there, and still hers alone.
  await nurse.getByRole('link', { name: 'Schedule' }).click();
  await expect(nurse).toHaveURL(/\/schedule$/);
  await nurse.getByTestId('nav-messages').click();
  await threadItem(nurse, room.id).click();
  await expect(composer).toHaveValue('The kit is on the');
  await expect(threadItem(providerTab, room.id).getByTestId('thread-preview')).toHaveText(
    'Dr. Ana Ortiz: Is the kit ready?',
  );

  await expect(nurse.getByTestId('message-body')).toHaveText(['Is the kit ready?']);
  await composer.press('End');
  await composer.pressSequentially(' cart');
  await composer.press('Enter');
  await expect(nurse.getByTestId('message-body')).toHaveText(['Is the kit ready?', 'The kit is on the cart']);
  await expect(composer).toHaveValue('');
  for (const page of [nurse, providerTab]) {
    await expect(threadItem(page, room.id).getByTestId('thread-preview')).toHaveText(
      'Nora Quinn: The kit is on the cart',
    );
  }
});

test('on a shared computer a draft leaves with the person who wrote it, and is kept nowhere', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const room = await startThreadOverRest(nurseRest, [provider], { subject: 'Room 3 results' });
  await postOverRest(provider, room.id, 'Pathology is back');

  const tab = await signIn('nurse@riverside.test');
  await tab.goto(`/messages/${room.id}`);
  await tab.getByTestId('composer-input').fill('Margins are clear for');
  await tab.getByTestId('nav-messages').click();
  await expect(threadItem(tab, room.id).getByTestId('thread-preview')).toHaveText('Draft: Margins are clear for');
  const stored = () => tab.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  expect(await stored()).not.toContain('Margins are clear');

  /** Signs out, signs in as `email` on the same tab and opens the conversation within the app (a reload would lose any tab's memory anyway). */
  const nextPersonOpensIt = async (email: string) => {
    await tab.getByTestId('logout').click();
    await expect(tab).toHaveURL(/\/login$/);
    await signInOnPage(tab, email);
    await tab.getByTestId('nav-messages').click();
    await threadItem(tab, room.id).click();
    await expect(tab.getByTestId('message-body')).toHaveText(['Pathology is back']);
  };

  // The provider is in the same conversation: she sees its messages, not the nurse's words.
  await nextPersonOpensIt('provider@riverside.test');
  await expect(tab.getByTestId('composer-input')).toHaveValue('');
  await expect(threadItem(tab, room.id).getByTestId('thread-preview')).toHaveText('Dr. Ana Ortiz: Pathology is back');

  // Nor does the nurse find it when she is back: it was never kept.
  await nextPersonOpensIt('nurse@riverside.test');
  await expect(tab.getByTestId('composer-input')).toHaveValue('');
  expect(await stored()).not.toContain('Margins are clear');
});

test('a message that cannot be sent stays with its conversation: another one opened meanwhile sends freely and shows no failure of it, and back there it is sent once', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const dressing = await startThreadOverRest(nurseRest, [provider], { subject: 'Room 1 dressing' });
  await postOverRest(provider, dressing.id, 'Is there gauze left?');
  const sutures = await startThreadOverRest(nurseRest, [provider], { subject: 'Room 2 sutures' });
  await postOverRest(provider, sutures.id, 'Where are the 5-0 sutures?');

  const nurse = await signIn('nurse@riverside.test');
  await nurse.getByTestId('nav-messages').click();
  await threadItem(nurse, dressing.id).click();
  await expect(nurse.getByTestId('message-body')).toHaveText(['Is there gauze left?']);
  // Her connection drops while the reply is on its way: every attempt fails, the first only once she has moved on.
  let attempts = 0;
  let releaseFirst!: () => void;
  const firstReleased = new Promise<void>((resolve) => (releaseFirst = resolve));
  await nurse.route(`**/api/threads/${dressing.id}/messages`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    attempts += 1;
    if (attempts === 1) await firstReleased;
    await route.abort('internetdisconnected');
  });
  const composer = nurse.getByTestId('composer-input');
  const send = nurse.getByTestId('composer-send');
  await composer.fill('Gauze is out, ordering more');
  await composer.press('Enter');
  await expect(send).toHaveText('Sending…');

  await threadItem(nurse, sutures.id).click();
  await expect(nurse.getByTestId('message-body')).toHaveText(['Where are the 5-0 sutures?']);
  await composer.fill('Drawer 3');
  await expect(send).toHaveText('Send');
  await expect(send).toBeEnabled();
  releaseFirst();
  await expect.poll(() => attempts).toBe(3);
  await composer.press('Enter');
  await expect(nurse.getByTestId('message-body')).toHaveText(['Where are the 5-0 sutures?', 'Drawer 3']);
  await expect(nurse.getByTestId('conversation-error')).toHaveCount(0);

  // The reply waits in its own conversation, and goes once the connection is back.
  await nurse.unroute(`**/api/threads/${dressing.id}/messages`);
  await expect(threadItem(nurse, dressing.id).getByTestId('thread-preview')).toHaveText(
    'Draft: Gauze is out, ordering more',
  );
  await threadItem(nurse, dressing.id).click();
  await expect(composer).toHaveValue('Gauze is out, ordering more');
  // The draft is back at once; Send waits for the conversation's lines.
  await expect(nurse.getByTestId('message-body')).toHaveText(['Is there gauze left?']);
  await expect(send).toBeEnabled();
  await composer.press('Enter');
  await expect(nurse.getByTestId('message-body')).toHaveText(['Is there gauze left?', 'Gauze is out, ordering more']);
  const stored = (await provider.rest.get<ChatMessage[]>(`/api/threads/${dressing.id}/messages`)).body;
  expect(stored.map((message) => message.body)).toEqual(['Is there gauze left?', 'Gauze is out, ordering more']);
  const otherClinic = await restAs(api.url, 'nurse@lakeside.test');
  expect((await otherClinic.rest.get(`/api/threads/${dressing.id}/messages`)).status).toBe(404);
});

test('Enter pressed as a conversation opens with a draft, before its lines are shown, sends it once they are: once, to the colleague in it and nobody else', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const cryo = await startThreadOverRest(nurseRest, [provider], { subject: 'Room 4 cryo' });
  await postOverRest(provider, cryo.id, 'Is the cryo can full?');
  const courier = await startThreadOverRest(nurseRest, [provider], { subject: 'Lab courier' });

  const nurse = await signIn('nurse@riverside.test');
  const providerTab = await signIn('provider@riverside.test');
  const frontDesk = await signIn('frontdesk@riverside.test');
  await providerTab.goto(`/messages/${cryo.id}`);
  await expect(providerTab.getByTestId('message-body')).toHaveText(['Is the cryo can full?']);
  await frontDesk.goto('/messages');
  await expect(badge(frontDesk)).toHaveAttribute('data-state', 'connected');
  await expect(frontDesk.getByTestId('loading-placeholder')).toHaveCount(0);

  await nurse.goto(`/messages/${cryo.id}`);
  await expect(nurse.getByTestId('message-body')).toHaveText(['Is the cryo can full?']);
  const composer = nurse.getByTestId('composer-input');
  const send = nurse.getByTestId('composer-send');
  await composer.fill('Refilled this morning');
  await threadItem(nurse, courier.id).click();
  await expect(nurse.getByTestId('conversation-subject')).toHaveText('Lab courier');

  // Back to the draft: the conversation's lines are held on their way, and every post is counted.
  const posted: string[] = [];
  nurse.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/api/threads/${cryo.id}/messages`)) {
      posted.push(request.postData() ?? '');
    }
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await nurse.route(
    (url) => url.pathname === `/api/threads/${cryo.id}/messages`,
    async (route) => {
      if (route.request().method() === 'GET') {
        held += 1;
        await released;
      }
      await route.continue();
    },
  );
  await threadItem(nurse, cryo.id).click();
  await expect.poll(() => held).toBe(1);
  await expect(composer).toHaveValue('Refilled this morning');
  await composer.press('Enter');
  await expect(send).toHaveText('Sending…');
  await expect(send).toBeDisabled();
  expect(posted).toEqual([]);

  release();
  const both = ['Is the cryo can full?', 'Refilled this morning'];
  await expect(nurse.getByTestId('message-body')).toHaveText(both);
  await expect(composer).toHaveValue('');
  await expect(send).toHaveText('Send');
  await expect(providerTab.getByTestId('message-body')).toHaveText(both);
  expect(posted).toEqual([JSON.stringify({ body: 'Refilled this morning' })]);
  const stored = (await provider.rest.get<ChatMessage[]>(`/api/threads/${cryo.id}/messages`)).body;
  expect(stored.map((message) => message.body)).toEqual(both);

  // The front desk, of the same clinic but not in it, gets nothing of it; nor does another clinic.
  await expect(threadItem(frontDesk, cryo.id)).toHaveCount(0);
  await expect(frontDesk.getByText('Refilled this morning')).toHaveCount(0);
  const frontDeskRest = await restAs(api.url, 'frontdesk@riverside.test');
  expect((await frontDeskRest.rest.get(`/api/threads/${cryo.id}/messages`)).status).toBe(403);
  const otherClinic = await restAs(api.url, 'nurse@lakeside.test');
  expect((await otherClinic.rest.get(`/api/threads/${cryo.id}/messages`)).status).toBe(404);
});
