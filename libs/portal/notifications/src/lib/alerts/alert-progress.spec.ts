import { AlertSummary } from '@derm/shared/contracts';
import { acknowledgedCount, recipientState, withEscalation, withRecipientStatus } from './alert-progress';

const alert = (recipients: AlertSummary['recipients']): AlertSummary => ({
  id: 'a',
  title: 'Room 3',
  sender: { id: 's', name: 'Sam' },
  createdAt: '2030-01-01T09:00:00.000Z',
  escalates: true,
  recipients,
});

describe('alert progress', () => {
  it('tells acknowledged from delivered from not yet delivered', () => {
    expect(recipientState({ userId: 'u', name: 'U' })).toBe('sent');
    expect(recipientState({ userId: 'u', name: 'U', deliveredAt: 'x' })).toBe('delivered');
    expect(recipientState({ userId: 'u', name: 'U', deliveredAt: 'x', acknowledgedAt: 'y' })).toBe('acknowledged');
  });

  it('counts acknowledgements', () => {
    const partly = alert([
      { userId: 'a', name: 'A', acknowledgedAt: 'x' },
      { userId: 'b', name: 'B' },
    ]);
    expect(acknowledgedCount(partly)).toBe(1);
    expect(acknowledgedCount(alert([{ userId: 'a', name: 'A', acknowledgedAt: 'x' }]))).toBe(1);
  });

  it('applies one recipient’s acknowledgement to the alert it names, once, and never undoes it', () => {
    const before = alert([
      { userId: 'a', name: 'A', deliveredAt: 'd' },
      { userId: 'b', name: 'B' },
    ]);
    const acked = { userId: 'a', name: 'A', deliveredAt: 'd', readAt: 'r', acknowledgedAt: 'r' };
    const change = withRecipientStatus({ alertId: 'a', recipient: acked, acknowledgedCount: 1, recipientCount: 2 });
    const after = change(before)!;
    expect(after.recipients).toEqual([acked, { userId: 'b', name: 'B' }]);
    expect(change(after)).toEqual(after);
    const older = withRecipientStatus({
      alertId: 'a',
      recipient: { userId: 'a', name: 'A' },
      acknowledgedCount: 0,
      recipientCount: 2,
    });
    expect(older(after)).toEqual(after);
    expect(
      withRecipientStatus({ alertId: 'other', recipient: acked, acknowledgedCount: 1, recipientCount: 1 })(before),
    ).toBe(before);
    expect(change(null)).toBeNull();
  });

  it('marks the alert it names escalated, once: a later escalation of it keeps the first time', () => {
    const before = alert([{ userId: 'a', name: 'A' }]);
    const escalate = withEscalation({ alertId: 'a', escalatedAt: 'first' });
    const after = escalate(before)!;
    expect(after).toEqual({ ...before, escalatedAt: 'first' });
    expect(withEscalation({ alertId: 'a', escalatedAt: 'second' })(after)).toBe(after);
    expect(withEscalation({ alertId: 'other', escalatedAt: 'first' })(before)).toBe(before);
    expect(escalate(null)).toBeNull();
  });
});
