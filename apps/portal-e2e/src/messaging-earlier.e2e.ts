import { Route } from '@playwright/test';
import { expect, postOverRest, riversideOverRest, startThreadOverRest, test } from './fixtures';

/** The portal's page of a conversation's messages (`MESSAGES_PAGE_SIZE`). */
const PAGE = 50;

test('Load earlier messages waits while they come, asks once however often it is clicked, then shows the start', async ({
  api,
  signIn,
}) => {
  const [nurse, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurse, [provider], { subject: 'A long conversation' });
  const count = PAGE + 5;
  for (let i = 1; i <= count; i++) await postOverRest(nurse, thread.id, `Line ${i}`);

  const page = await signIn('provider@riverside.test');
  const earlierAsked: Route[] = [];
  const earlier = (url: URL) => url.pathname === `/api/threads/${thread.id}/messages` && url.searchParams.has('before');
  // Held until the test lets it go.
  await page.route(earlier, (route) => {
    earlierAsked.push(route);
  });
  await page.goto(`/messages/${thread.id}`);
  const bodies = page.getByTestId('message-body');
  await expect(bodies.last()).toHaveText(`Line ${count}`);
  await expect(page.getByText('Line 5', { exact: true })).toHaveCount(0);

  const button = page.getByTestId('load-earlier');
  await button.click();
  await expect(button).toBeDisabled();
  await expect(button).toHaveText('Loading earlier messages…');
  await button.click({ force: true });
  await expect.poll(() => earlierAsked.length).toBe(1);

  // The answer comes: the start of the conversation shows, and there is nothing earlier to load.
  const [asked] = earlierAsked;
  await asked.continue();
  await expect(page.getByText('Line 1', { exact: true })).toBeVisible();
  await expect(button).toHaveCount(0);
  const shown = await bodies.allTextContents();
  expect(shown.filter((text) => text.startsWith('Line '))).toEqual(
    Array.from({ length: count }, (_, i) => `Line ${i + 1}`),
  );
  expect(earlierAsked).toHaveLength(1);
});
