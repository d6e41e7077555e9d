import { PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import {
  badge,
  expect,
  expectNotReloaded,
  markDocument,
  postOverRest as post,
  restAs,
  RestStaff,
  startThreadOverRest,
  test,
} from './fixtures';

const startThread = (from: RestStaff, others: RestStaff[], subject: string, patientId: string) =>
  startThreadOverRest(from, others, { subject, patientId });

test('a chart lists the conversations about the patient that the person is in, kept current live; a colleague’s, another patient’s and another clinic’s stay off it', async ({
  api,
  signIn,
}) => {
  const [nurseRest, provider, frontDesk] = await Promise.all(
    ['nurse@riverside.test', 'provider@riverside.test', 'frontdesk@riverside.test'].map((email) =>
      restAs(api.url, email),
    ),
  );
  const patients = (await provider.rest.get<PatientSummary[]>('/api/patients')).body;
  const patient = patients.find((p) => p.displayName === 'Marco Bellini')!;
  const someoneElse = patients.find((p) => p.displayName === 'Lena Fischer')!;
  const biopsy = await startThread(nurseRest, [provider], 'Biopsy results', patient.id);
  const sunscreen = await startThread(nurseRest, [frontDesk], 'Sunscreen samples', patient.id);
  const notHers = await startThread(provider, [frontDesk], 'Billing question', patient.id);
  const otherPatient = await startThread(nurseRest, [provider], 'Lena’s rash', someoneElse.id);

  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/patients/${patient.id}`);
  await expect(nurse.getByTestId('patient-name')).toHaveText('Marco Bellini');
  await expect(badge(nurse)).toHaveAttribute('data-state', 'connected');
  const rows = nurse.getByTestId('patient-conversation');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-thread-id', sunscreen.id);
  await expect(rows.nth(1)).toHaveAttribute('data-thread-id', biopsy.id);
  await expect(rows.nth(1)).toContainText('Biopsy results');
  await expect(rows.nth(1).getByTestId('thread-people')).toHaveText('Dr. Ana Ortiz, Nora Quinn');
  await expect(rows.nth(1).getByTestId('thread-preview')).toHaveText('No messages yet');
  await expect(rows.nth(1)).toHaveAttribute('href', `/messages/${biopsy.id}`);
  for (const hidden of [notHers, otherPatient]) {
    await expect(nurse.locator(`[data-thread-id="${hidden.id}"]`)).toHaveCount(0);
  }
  await markDocument(nurse);

  // The provider answers: the thread moves up with the new preview and an unread count.
  await post(provider, biopsy.id, 'Pathology is back: benign.');
  await expect(rows.nth(0)).toHaveAttribute('data-thread-id', biopsy.id);
  await expect(rows.nth(0).getByTestId('thread-preview')).toHaveText('Dr. Ana Ortiz: Pathology is back: benign.');
  await expect(rows.nth(0).getByTestId('thread-unread')).toHaveText('1');
  await expect(rows.nth(1)).toHaveAttribute('data-thread-id', sunscreen.id);

  // A message about another patient reaches her socket but not this chart; the front desk's new
  // conversation about this patient with her, heard after it, shows at the top.
  await post(provider, otherPatient.id, 'The cream is working.');
  const rescheduling = await startThread(frontDesk, [nurseRest], 'Moving the follow-up', patient.id);
  await post(frontDesk, rescheduling.id, 'Can Marco come on Friday instead?');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-thread-id', rescheduling.id);
  await expect(rows.nth(0).getByTestId('thread-preview')).toHaveText('Felix Park: Can Marco come on Friday instead?');
  await expect(nurse.locator(`[data-thread-id="${otherPatient.id}"]`)).toHaveCount(0);
  await expect(nurse.locator(`[data-thread-id="${notHers.id}"]`)).toHaveCount(0);

  // Someone leaving a listed conversation shows who remains; one she left elsewhere leaves the chart.
  expect((await frontDesk.rest.delete(`/api/threads/${sunscreen.id}/participants/me`)).status).toBe(204);
  const sunscreenRow = nurse.locator(`[data-thread-id="${sunscreen.id}"]`);
  await expect(sunscreenRow.getByTestId('thread-people')).toHaveText('Nora Quinn');
  expect((await nurseRest.rest.delete(`/api/threads/${biopsy.id}/participants/me`)).status).toBe(204);
  await expect(nurse.locator(`[data-thread-id="${biopsy.id}"]`)).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await expectNotReloaded(nurse);

  // "New conversation about Marco Bellini": the form with the patient chosen, then the conversation.
  const start = nurse.getByTestId('patient-conversation-new');
  await expect(start).toHaveText('New conversation about Marco Bellini');
  await start.click();
  await expect(nurse).toHaveURL(new RegExp(`/messages\\?patient=${patient.id}$`));
  const form = nurse.getByTestId('new-thread-form');
  await expect(form.getByTestId('new-thread-patient')).toHaveValue(patient.id);
  await expect(form.getByTestId('new-thread-patient').locator('option:checked')).toHaveText(/^Marco Bellini · /);
  await form.locator(`[data-testid="new-thread-participant"][data-staff-id="${provider.user.id}"]`).check();
  const created = nurse.waitForResponse(
    (response) => response.url().endsWith('/api/threads') && response.request().method() === 'POST',
  );
  await form.getByTestId('new-thread-submit').click();
  const thread = (await (await created).json()) as ThreadSummary;
  expect(thread.patientId).toBe(patient.id);
  await expect(nurse).toHaveURL(new RegExp(`/messages/${thread.id}$`));
  await expectNotReloaded(nurse);

  // A patient with no conversation of hers says so.
  await nurse.goto(`/patients/${someoneElse.id}`);
  await expect(nurse.getByTestId('patient-conversation')).toHaveCount(1);
  await nurse.goto(`/patients/${patients.find((p) => p.displayName === 'Priya Natarajan')!.id}`);
  await expect(nurse.getByTestId('patient-conversations-none')).toHaveText('No conversations about this patient yet.');
  await expect(nurse.getByTestId('patient-conversation')).toHaveCount(0);

  // Lakeside can open neither the chart nor its conversations.
  const lakeside = await restAs(api.url, 'nurse@lakeside.test');
  expect((await lakeside.rest.get(`/api/threads?patientId=${patient.id}`)).status).toBe(404);
  const otherClinic = await signIn('nurse@lakeside.test');
  await otherClinic.goto(`/patients/${patient.id}`);
  await expect(otherClinic.getByTestId('patient-error')).toBeVisible();
  await expect(otherClinic.getByTestId('patient-conversation')).toHaveCount(0);
  await expect(otherClinic.getByTestId('patient-conversation-new')).toHaveCount(0);
});

test('a new conversation about another clinic’s patient, by id in the address, chooses no patient, says so, and starts without one', async ({
  api,
  signIn,
}) => {
  const lakeside = await restAs(api.url, 'nurse@lakeside.test');
  const [theirPatient] = (await lakeside.rest.get<PatientSummary[]>('/api/patients')).body;
  const provider = await restAs(api.url, 'provider@riverside.test');

  const nurse = await signIn('nurse@riverside.test');
  await nurse.goto(`/messages?patient=${theirPatient.id}`);
  const picker = nurse.getByTestId('new-thread-patient');
  await expect(nurse.getByTestId('new-thread-patient-hint')).toHaveText(
    'Could not choose the patient asked for: not one of this clinic’s patients.',
  );
  await expect(picker).toHaveValue('');
  await expect(picker.locator('option:checked')).toHaveText('No patient');
  await expect(nurse.getByTestId('new-thread-form')).not.toContainText(theirPatient.displayName);

  await nurse.locator(`[data-testid="new-thread-participant"][data-staff-id="${provider.user.id}"]`).check();
  await nurse.getByTestId('new-thread-subject').fill('Dressing supplies');
  await nurse.getByTestId('new-thread-submit').click();
  await expect(nurse.getByTestId('conversation-subject')).toHaveText('Dressing supplies');
  await expect(nurse.getByTestId('new-thread-error')).toHaveCount(0);
  const threadId = nurse.url().split('/messages/')[1];
  const started = (await provider.rest.get<ThreadSummary>(`/api/threads/${threadId}`)).body;
  expect(started.patientId).toBeUndefined();
  // Nothing reached the other clinic's patient.
  expect((await lakeside.rest.get<ThreadSummary[]>(`/api/threads?patientId=${theirPatient.id}`)).body).toEqual([]);
});
