import { ChatMessage, NotificationList } from '@derm/shared/contracts';
import { Locator, Page } from '@playwright/test';
import { expect, openSendAlertForm, restAs, riversideOverRest, startThreadOverRest, test } from './fixtures';

/** Puts `text` on the tab's clipboard and pastes it into `field` with the keyboard, as a person pastes. */
async function paste(page: Page, field: Locator, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((copied) => navigator.clipboard.writeText(copied), text);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+V');
}

/** The element's text exactly as the DOM holds it: no whitespace folded, nothing invisible lost. */
const exactText = (locator: Locator) => locator.evaluate((element) => element.textContent?.trim() ?? '');

test('a message pasted with an override in it is sent as the nurse sees it, and she is told what was removed', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider] = await riversideOverRest(api.url, 'nurse', 'provider');
  const thread = await startThreadOverRest(nurseRest, [provider], { subject: 'Allergies, room 2' });
  const nurse = await signIn('nurse@riverside.test');
  const providerTab = await signIn('provider@riverside.test');
  await providerTab.goto(`/messages/${thread.id}`);
  await nurse.goto(`/messages/${thread.id}`);

  const composer = nurse.getByTestId('composer-input');
  const note = nurse.getByTestId('composer-note');
  await expect(note).toHaveAttribute('role', 'status');
  await expect(note).toHaveText('');
  await composer.pressSequentially('Note: ');
  // Drawn "Allergic to penicillin" as pasted: the override turns "nillicinep" around.
  await paste(nurse, composer, 'Allergic to \u202Enillicinep');
  await expect(note).toHaveText('Removed 1 invisible text-direction character from what you pasted.');
  await expect(composer).toHaveValue('Note: Allergic to nillicinep');
  // The caret stayed at the end of the paste: what she types next follows it.
  await composer.pressSequentially(' (rash)');
  await expect(composer).toHaveValue('Note: Allergic to nillicinep (rash)');
  await expect(note).toHaveText('Removed 1 invisible text-direction character from what you pasted.');

  const posted = nurse.waitForResponse(
    (response) =>
      response.url().endsWith(`/api/threads/${thread.id}/messages`) && response.request().method() === 'POST',
  );
  await composer.press('Enter');
  const response = await posted;
  expect(response.status()).toBe(201);
  const sent = (await response.json()) as ChatMessage;
  expect(sent.body).toBe('Note: Allergic to nillicinep (rash)');
  await expect(composer).toHaveValue('');
  await expect(note).toHaveText('');

  // The colleague gets exactly the text the nurse saw.
  const received = providerTab
    .locator(`[data-testid="message"][data-message-id="${sent.id}"]`)
    .getByTestId('message-body');
  await expect(received).toBeVisible();
  expect(await exactText(received)).toBe('Note: Allergic to nillicinep (rash)');
  const stored = (await provider.rest.get<ChatMessage[]>(`/api/threads/${thread.id}/messages`)).body;
  expect(stored.map((message) => message.body)).toEqual(['Note: Allergic to nillicinep (rash)']);

  // Someone outside the conversation, in the clinic or another one, gets none of it.
  for (const email of ['frontdesk@riverside.test', 'nurse@lakeside.test']) {
    const outsider = await restAs(api.url, email);
    const refused = await outsider.rest.get<unknown>(`/api/threads/${thread.id}/messages`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(refused.body)).not.toContain('nillicinep');
  }
});

test('an alert whose title was pasted with isolates and whose details were typed with a mark reaches the nurse as the admin saw it', async ({
  api,
  signIn,
}) => {
  const admin = await signIn('admin@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  const form = await openSendAlertForm(admin);
  const title = form.getByTestId('alert-title');
  const body = form.getByTestId('alert-body');

  // Drawn "Give 10 not 100 units" as pasted: the isolates swap the numbers.
  await paste(admin, title, 'Give \u2067\u2066100\u2069 \u2066not\u2069 \u206610\u2069\u2069 units');
  await expect(title).toHaveValue('Give 100 not 10 units');
  await expect(form.getByTestId('alert-title-note')).toHaveText(
    'Removed 8 invisible text-direction characters from what you pasted.',
  );
  await expect(form.getByTestId('alert-body-note')).toHaveText('');

  await body.pressSequentially('Room 4\u200F now');
  await expect(body).toHaveValue('Room 4 now');
  await expect(form.getByTestId('alert-body-note')).toHaveText(
    'Removed 1 invisible text-direction character from what you typed.',
  );

  await form.getByTestId('alert-target').selectOption('person');
  await form.getByTestId('alert-recipient').selectOption({ label: 'Nora Quinn' });
  await form.getByTestId('alert-send').click();
  await expect(admin).toHaveURL(/\/alerts\/[0-9a-f-]{36}$/);

  const modal = nurse.getByTestId('urgent-alert-modal');
  await expect(modal).toBeVisible();
  expect(await exactText(modal.getByTestId('urgent-alert-title'))).toBe('Give 100 not 10 units');
  expect(await exactText(modal.getByTestId('urgent-alert-body'))).toBe('Room 4 now');

  // Nobody else was sent it: a colleague of the clinic, and a nurse of another clinic.
  for (const email of ['provider@riverside.test', 'nurse@lakeside.test']) {
    const other = await restAs(api.url, email);
    const titles = (await other.rest.get<NotificationList>('/api/notifications')).body.items.map((item) => item.title);
    expect(titles).not.toContain('Give 100 not 10 units');
  }
});
