import { AlertSummary } from '@derm/shared/contracts';
import { acknowledgedCount, everyoneAcknowledged, recipientState } from './alert-progress';

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

  it('counts acknowledgements and knows when everyone has acknowledged', () => {
    const partly = alert([{ userId: 'a', name: 'A', acknowledgedAt: 'x' }, { userId: 'b', name: 'B' }]);
    expect(acknowledgedCount(partly)).toBe(1);
    expect(everyoneAcknowledged(partly)).toBe(false);
    expect(everyoneAcknowledged(alert([{ userId: 'a', name: 'A', acknowledgedAt: 'x' }]))).toBe(true);
  });
});
