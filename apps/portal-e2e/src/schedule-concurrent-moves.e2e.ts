import { Page } from '@playwright/test';
import { addDays, AppointmentSummary, calendarDayIn } from '@derm/shared/contracts';
import { appointmentRow, badge, bookOverRest, expect, restAs, test } from './fixtures';

const NEW_YORK = 'America/New_York';
const tomorrow = () => addDays(calendarDayIn(new Date(), NEW_YORK), 1);

async function showTomorrow(page: Page): Promise<void> {
  await expect(badge(page)).toHaveAttribute('data-state', 'connected');
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByTestId('schedule-date')).toHaveValue(tomorrow());
  await expect(page.getByTestId('loading-placeholder')).toHaveCount(0);
}

test('two people move one appointment from forms opened together: the second is told, and the first move stands', async ({
  api,
  signIn,
}) => {
  const desk = await restAs(api.url, 'frontdesk@riverside.test');
  const booked = await bookOverRest(desk, tomorrow(), '15:00');
  const frontDesk = await signIn('frontdesk@riverside.test');
  const nurse = await signIn('nurse@riverside.test');
  for (const page of [frontDesk, nurse]) {
    await showTomorrow(page);
    await appointmentRow(page, booked.id).getByTestId('appointment-move').click();
  }

  const first = appointmentRow(frontDesk, booked.id);
  await first.getByTestId('appointment-move-time').fill('16:00');
  await first.getByTestId('appointment-move-save').click();
  // The nurse's row hears the move while the nurse's form stays open on what it showed.
  const second = appointmentRow(nurse, booked.id);
  await expect(second).toContainText('16:00–16:20');

  const refused = nurse.waitForResponse((response) => response.url().endsWith(`/api/appointments/${booked.id}`));
  await second.getByTestId('appointment-move-time').fill('16:40');
  await second.getByTestId('appointment-move-save').click();
  expect((await refused).status()).toBe(412);
  await expect(second.getByTestId('appointment-move-changed')).toContainText(
    'Someone else changed this appointment meanwhile',
  );
  await expect(second.getByTestId('appointment-move-changed')).toContainText('16:00');
  for (const page of [frontDesk, nurse]) await expect(appointmentRow(page, booked.id)).toContainText('16:00–16:20');
  const stored = async () =>
    (await desk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${tomorrow()}`)).body.find(
      (a) => a.id === booked.id,
    );
  expect(await stored()).toMatchObject({ startsAt: new Date(Date.parse(booked.startsAt) + 3_600_000).toISOString() });

  // Having seen the first move, the nurse decides again: now the move goes through, on the new version.
  await second.getByTestId('appointment-move-save').click();
  for (const page of [frontDesk, nurse]) await expect(appointmentRow(page, booked.id)).toContainText('16:40–17:00');
  expect(await stored()).toMatchObject({ version: 3 });
});
