import { NotificationView } from '@derm/shared/contracts';
import { nextUrgentAlert } from './urgent-alert-order';

const alert = (id: string, senderId?: string): NotificationView => ({
  id,
  kind: 'urgent-alert',
  title: id,
  priority: 'urgent',
  createdAt: '2026-12-06T09:00:00.000Z',
  requiresAck: true,
  ...(senderId ? { sender: { id: senderId, name: senderId, role: 'nurse' } } : {}),
});

describe('nextUrgentAlert', () => {
  it('shows nothing when nothing waits', () => {
    expect(nextUrgentAlert([])).toBeNull();
  });

  it('shows the oldest first while each sender has as many waiting', () => {
    expect(nextUrgentAlert([alert('a1', 'nurse'), alert('b1', 'admin')])?.id).toBe('a1');
    expect(nextUrgentAlert([alert('a1', 'nurse'), alert('a2', 'nurse')])?.id).toBe('a1');
  });

  it("never lets one sender's many alerts hold back another's", () => {
    const flood = Array.from({ length: 60 }, (_, i) => alert(`flood-${i}`, 'nurse'));
    expect(nextUrgentAlert([...flood, alert('real', 'admin')])?.id).toBe('real');
    expect(nextUrgentAlert([...flood.slice(0, 2), alert('system')])?.id).toBe('system');
  });
});
