import { ChatMessage, OperationsSnapshot, ThreadSummary } from '@derm/shared/contracts';
import { RealtimeTestClient } from '@derm/shared/test-client';
import { Locator } from '@playwright/test';
import { badge, expect, restAs, test } from './fixtures';

/** The chart's own summary: "N events in the last 60 minutes, …". */
async function eventsInHour(chart: Locator): Promise<number> {
  const summary = (await chart.getAttribute('aria-label')) ?? '';
  return Number(/^(\d+) events/.exec(summary)?.[1] ?? NaN);
}

test.describe('operations page', () => {
  test('an admin watches connected staff, events per minute and refused connections change live', async ({
    api,
    signIn,
  }) => {
    const admin = await signIn('admin@riverside.test');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await expect(admin).toHaveURL(/\/operations$/);
    await expect(admin.getByRole('heading', { name: 'Operations', level: 1 })).toBeVisible();
    await expect(badge(admin)).toHaveAttribute('data-state', 'connected');
    const connected = admin.getByTestId('operations-connected-member');
    await expect(connected).toHaveCount(1);
    const chart = admin.getByTestId('events-chart');
    await expect(chart).toHaveAttribute('aria-label', /^\d+ events in the last 60 minutes/);
    const before = await eventsInHour(chart);

    // A colleague signs in: listed at once.
    const nurse = await signIn('nurse@riverside.test');
    const nurseRow = connected.filter({ hasText: 'Nora Quinn' });
    await expect(nurseRow).toContainText('Nurse');
    await expect(admin.getByTestId('operations-connected-count')).toHaveText('2');

    // A message is a clinic event: the chart counts it without a reload.
    const nurseRest = await restAs(api.url, 'nurse@riverside.test');
    const provider = await restAs(api.url, 'provider@riverside.test');
    const thread = (await nurseRest.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.user.id] }))
      .body;
    expect(
      (await nurseRest.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, { body: 'Busy minute' })).status,
    ).toBe(201);
    await expect.poll(() => eventsInHour(chart), { timeout: 10_000 }).toBeGreaterThan(before);
    await expect(admin.getByTestId('operations-events-this-minute')).not.toHaveText('');
    // The bars have a scale: the busiest minute's count, which the tallest bar reaches.
    const busiest = async () =>
      Math.max(...(await chart.locator('rect').evaluateAll((bars) => bars.map((bar) => Number(bar.dataset['count'])))));
    const scale = admin.getByTestId('events-chart-peak');
    await expect
      .poll(async () => {
        const [label, top] = [(await scale.textContent())?.trim(), await busiest()];
        return label === `busiest: ${top} a minute` ? 'matches' : `"${label}" with a tallest bar of ${top}`;
      })
      .toBe('matches');

    // A signed-out session tries to reconnect: its refusal shows, naming the person.
    const tablet = await restAs(api.url, 'nurse@riverside.test');
    expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);
    const refused = await RealtimeTestClient.refusedHandshake(api.url, { auth: { token: tablet.rest.token } });
    expect(refused.message).toBe('REVOKED');
    const refusal = admin.getByTestId('operations-refusal');
    await expect(refusal).toHaveCount(1);
    await expect(refusal).toHaveAttribute('data-code', 'REVOKED');
    await expect(refusal).toContainText('Signed out or deactivated session');
    await expect(refusal).toContainText('Nora Quinn');
    await expect(refusal.getByTestId('operations-refusal-count')).toHaveCount(0);
    // Refused again: the same row counts it, rather than a second row.
    expect((await RealtimeTestClient.refusedHandshake(api.url, { auth: { token: tablet.rest.token } })).message).toBe(
      'REVOKED',
    );
    await expect(refusal.getByTestId('operations-refusal-count')).toContainText('2 times since');
    await expect(refusal).toHaveCount(1);

    // The colleague leaves: gone from the list once the presence grace period is over.
    await nurse.context().close();
    await expect(nurseRow).toHaveCount(0, { timeout: 15_000 });
  });

  test("other staff have no Operations page, and another clinic's admin sees none of this clinic", async ({
    api,
    signIn,
  }) => {
    const provider = await signIn('provider@riverside.test');
    await expect(
      provider.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }),
    ).toHaveCount(0);
    await provider.goto('/operations');
    await expect(provider).toHaveURL(/\/schedule$/);

    const lakeside = await signIn('admin@lakeside.test');
    await lakeside.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await expect(lakeside.getByTestId('operations-connected-member')).toHaveCount(1);
    await expect(lakeside.getByTestId('operations-connected-member')).toContainText('Hana Sato');
    const tablet = await restAs(api.url, 'nurse@riverside.test');
    expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);
    expect((await RealtimeTestClient.refusedHandshake(api.url, { auth: { token: tablet.rest.token } })).message).toBe(
      'REVOKED',
    );
    // Riverside has it on record; Lakeside's page shows neither it nor Riverside's staff.
    const riversideAdmin = await restAs(api.url, 'admin@riverside.test');
    await expect
      .poll(async () => (await riversideAdmin.rest.get<OperationsSnapshot>('/api/operations')).body.refusals.length)
      .toBe(1);
    await expect(lakeside.getByTestId('operations-refusal')).toHaveCount(0);
    await expect(lakeside.getByText('No refused connections recently.')).toBeVisible();
    await expect(lakeside.getByTestId('operations-connected-member')).not.toContainText('Dr. Ana Ortiz');
  });
});
