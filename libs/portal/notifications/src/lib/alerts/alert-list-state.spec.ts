import { AlertRecipientStatus, AlertStatusData, AlertSummary } from '@derm/shared/contracts';
import {
  AlertList,
  isListed,
  newestFirst,
  withAlertEscalated,
  withAlertStatus,
  withNewAlert,
} from './alert-list-state';

const at = (minute: number) => `2030-01-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const alert = (id: string, minute: number, recipients: AlertRecipientStatus[] = [{ userId: 'n', name: 'Nora' }]) =>
  ({
    id,
    title: id,
    sender: { id: 's', name: 'Sam' },
    createdAt: at(minute),
    escalates: true,
    recipients,
  }) satisfies AlertSummary;
const list = (items: AlertSummary[], nextCursor: string | null = null): AlertList => ({ items, nextCursor });
const ids = (shown: AlertList) => shown.items.map(({ id }) => id);
const status = (alertId: string, recipient: AlertRecipientStatus): AlertStatusData => ({
  alertId,
  recipient,
  acknowledgedCount: recipient.acknowledgedAt ? 1 : 0,
  recipientCount: 1,
});
const acked: AlertRecipientStatus = { userId: 'n', name: 'Nora', deliveredAt: at(5), acknowledgedAt: at(6) };

describe('alert list state', () => {
  it('orders newest first, and by id within the same time, as the API pages', () => {
    const sorted = [alert('b', 1), alert('c', 2), alert('a', 1)].sort(newestFirst);
    expect(sorted.map(({ id }) => id)).toEqual(['c', 'a', 'b']);
  });

  it('applies a recipient’s acknowledgement to the listed alert it names, once, and keeps the cursor', () => {
    const before = list([alert('x', 2), alert('y', 1)], 'next');
    const after = withAlertStatus(status('y', acked))(before);
    expect(after.items[1].recipients).toEqual([acked]);
    expect(after.items[0]).toBe(before.items[0]);
    expect(after.nextCursor).toBe('next');
    expect(withAlertStatus(status('y', acked))(after)).toEqual(after);
    // A late "delivered" never undoes the acknowledgement.
    expect(withAlertStatus(status('y', { userId: 'n', name: 'Nora', deliveredAt: at(5) }))(after)).toEqual(after);
  });

  it('marks the listed alert it names escalated, and only that one', () => {
    const before = list([alert('x', 2), alert('y', 1)], 'next');
    const after = withAlertEscalated({ alertId: 'y', escalatedAt: at(7) })(before);
    expect(after.items.map(({ escalatedAt }) => escalatedAt)).toEqual([undefined, at(7)]);
    expect(after.nextCursor).toBe('next');
  });

  it('leaves the list alone for an alert it does not show', () => {
    const shown = list([alert('x', 2)], 'next');
    expect(withAlertStatus(status('elsewhere', acked))(shown)).toBe(shown);
    expect(withAlertEscalated({ alertId: 'elsewhere', escalatedAt: at(7) })(shown)).toBe(shown);
    expect(isListed(shown, 'x')).toBe(true);
    expect(isListed(shown, 'elsewhere')).toBe(false);
  });

  it('puts an alert sent since the list loaded in its place', () => {
    const shown = list([alert('x', 5), alert('y', 3)], 'next');
    expect(ids(withNewAlert(alert('new', 9))(shown))).toEqual(['new', 'x', 'y']);
    expect(ids(withNewAlert(alert('between', 4))(shown))).toEqual(['x', 'between', 'y']);
    expect(withNewAlert(alert('new', 9))(shown).nextCursor).toBe('next');
    expect(ids(withNewAlert(alert('first', 1))(list([])))).toEqual(['first']);
  });

  it('leaves an alert older than all shown to its own page while older pages remain, and shows it when none do', () => {
    const shown = list([alert('x', 5), alert('y', 3)], 'next');
    expect(withNewAlert(alert('old', 1))(shown)).toBe(shown);
    expect(withNewAlert(alert('old', 1))(list([], 'next'))).toEqual(list([], 'next'));
    expect(ids(withNewAlert(alert('old', 1))(list(shown.items)))).toEqual(['x', 'y', 'old']);
  });

  it('keeps the listed state of an alert it already shows', () => {
    const listed = alert('x', 5, [acked]);
    const shown = list([listed]);
    expect(withNewAlert(alert('x', 5))(shown)).toBe(shown);
  });
});
