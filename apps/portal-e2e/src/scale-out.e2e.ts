import { appointmentRow, badge, bookAppointment, expectNotReloaded, markDocument } from './fixtures';
import { expect, signInOnNode, test, userIdOf } from './scale-out-cluster';

test.describe('two API nodes behind nginx', () => {
  test('two staff on different nodes see each other’s schedule changes and presence live', async ({
    browser,
    cluster,
  }) => {
    const frontDesk = await signInOnNode(browser, cluster, 1, 'frontdesk@riverside.test');
    const nurse = await signInOnNode(browser, cluster, 2, 'nurse@riverside.test');
    for (const { page } of [frontDesk, nurse]) await expect(badge(page)).toHaveAttribute('data-state', 'connected');
    const [frontDeskId, nurseId] = [await userIdOf(frontDesk.page), await userIdOf(nurse.page)];
    await markDocument(nurse.page);

    // Presence: each sees the other online, though their sockets are on different nodes.
    await frontDesk.page.getByTestId('online-staff-toggle').click();
    await nurse.page.getByTestId('online-staff-toggle').click();
    const member = (page: typeof frontDesk.page, userId: string) =>
      page.getByTestId('online-staff').locator(`[data-testid="online-staff-member"][data-user-id="${userId}"]`);
    await expect(member(frontDesk.page, nurseId)).toContainText('Nora Quinn');
    await expect(member(nurse.page, frontDeskId)).toContainText('Felix Park');

    // The schedule: a booking on node 1 appears on node 2, a check-in on node 2 appears on node 1.
    const booked = await bookAppointment(frontDesk.page, '22:50');
    await expect(appointmentRow(nurse.page, booked.id)).toHaveAttribute('data-status', 'scheduled');
    await expect(appointmentRow(nurse.page, booked.id)).toContainText(booked.patientName);
    await appointmentRow(nurse.page, booked.id).getByTestId('appointment-check-in').click();
    await expect(appointmentRow(frontDesk.page, booked.id)).toHaveAttribute('data-status', 'checked-in');
    await expectNotReloaded(nurse.page);

    // And the nurse leaving (her browser closes) reaches the front desk on the other node.
    const online = frontDesk.page.getByTestId('online-staff-toggle');
    await expect(online).toHaveText('Online · 2');
    await nurse.context.close();
    await expect(online).toHaveText('Online · 1', { timeout: 10_000 });
    await online.click();
    await expect(member(frontDesk.page, nurseId)).toHaveCount(0);
    await expect(member(frontDesk.page, frontDeskId)).toBeVisible();
    await frontDesk.context.close();
  });

  test('when a node stops gracefully, the browser on it carries on through nginx on the other node', async ({
    browser,
    cluster,
  }) => {
    const frontDesk = await signInOnNode(browser, cluster, 1, 'frontdesk@riverside.test');
    const nurse = await signInOnNode(browser, cluster, 2, 'nurse@riverside.test');
    const nurseId = await userIdOf(nurse.page);
    await expect(badge(nurse.page)).toHaveAttribute('data-state', 'connected');
    const online = frontDesk.page.getByTestId('online-staff-toggle');
    await online.click();
    await expect(
      frontDesk.page.locator(`[data-testid="online-staff-member"][data-user-id="${nurseId}"]`),
    ).toBeVisible();
    await online.click();
    // A broadcast received before the stop gives the socket a position to recover from.
    const before = await bookAppointment(frontDesk.page, '21:00');
    await expect(appointmentRow(nurse.page, before.id)).toBeVisible();
    await markDocument(nurse.page);
    await nurse.page.getByTestId('connection-toggle').click();
    const lastConnected = nurse.page.getByTestId('connection-last-connected').locator('time');
    const firstConnection = await lastConnected.getAttribute('datetime');

    await cluster.stopNode(2);
    await expect(lastConnected).not.toHaveAttribute('datetime', firstConnection ?? '', { timeout: 15_000 });
    await expect(nurse.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect(nurse.page.getByTestId('connection-status')).toContainText('Replayed by the server');

    const after = await bookAppointment(frontDesk.page, '21:40');
    await expect(appointmentRow(nurse.page, after.id)).toHaveAttribute('data-status', 'scheduled');
    // Back on another node within the grace period: never shown offline to her colleague.
    await expect(online).toHaveText('Online · 2');
    await expectNotReloaded(nurse.page);
    await Promise.all([frontDesk.context.close(), nurse.context.close()]);
  });
});
