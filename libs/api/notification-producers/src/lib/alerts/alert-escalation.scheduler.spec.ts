import { AppConfig } from '@derm/api/config';
import { NotificationAcknowledged } from '@derm/api/notifications';
import { AlertEscalationScheduler } from './alert-escalation.scheduler';
import { AlertEscalationService, PendingEscalation } from './alert-escalation.service';
import { AlertSent } from './events/alert-sent.event';

const ESCALATION_MS = 10_000;

describe('AlertEscalationScheduler', () => {
  let escalateIfDue: jest.Mock;
  let settleIfAcknowledged: jest.Mock;
  let pending: PendingEscalation[];
  let scheduler: AlertEscalationScheduler;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-05-04T09:00:00Z') });
    escalateIfDue = jest.fn().mockResolvedValue(true);
    settleIfAcknowledged = jest.fn().mockResolvedValue(undefined);
    pending = [];
    const service = { pending: async () => pending, escalateIfDue, settleIfAcknowledged };
    const config = { alertEscalationMs: ESCALATION_MS } as AppConfig;
    scheduler = new AlertEscalationScheduler(service as unknown as AlertEscalationService, config);
  });
  afterEach(() => {
    scheduler.onApplicationShutdown();
    jest.useRealTimers();
  });

  const inMs = (ms: number) => new Date(Date.now() + ms);
  const sentAlert = (escalationDueAt: Date | null) =>
    new AlertSent(
      't1',
      { id: 'u', name: 'U' },
      { id: 'a1', title: 'A', recipients: [], sender: { id: 'u', name: 'U' }, createdAt: '', escalates: true },
      ['u'],
      escalationDueAt,
    );

  it('escalates a sent alert when it falls due, not before', () => {
    scheduler.sent(sentAlert(inMs(2000)));
    jest.advanceTimersByTime(1999);
    expect(escalateIfDue).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(escalateIfDue).toHaveBeenCalledWith('t1', 'a1');
  });

  it('schedules nothing for alerts that do not escalate', () => {
    scheduler.sent(sentAlert(null));
    jest.advanceTimersByTime(60_000);
    expect(escalateIfDue).not.toHaveBeenCalled();
  });

  it('picks up at start-up what is pending: overdue at once, the rest when due', async () => {
    pending = [
      { tenantId: 't1', alertId: 'overdue', dueAt: inMs(-5000) },
      { tenantId: 't1', alertId: 'later', dueAt: inMs(3000) },
    ];
    await scheduler.onApplicationBootstrap();
    jest.advanceTimersByTime(0);
    expect(escalateIfDue.mock.calls).toEqual([['t1', 'overdue']]);
    jest.advanceTimersByTime(3000);
    expect(escalateIfDue.mock.calls).toEqual([
      ['t1', 'overdue'],
      ['t1', 'later'],
    ]);
  });

  it('times an escalation another node scheduled, found pending at its next sweep, once', async () => {
    // As the database does: an alert escalated is no longer pending.
    escalateIfDue.mockImplementation(async (_, alertId: string) => {
      pending = pending.filter((escalation) => escalation.alertId !== alertId);
      return true;
    });
    await scheduler.onApplicationBootstrap();
    pending = [{ tenantId: 't1', alertId: 'elsewhere', dueAt: inMs(ESCALATION_MS) }];
    await jest.advanceTimersByTimeAsync(ESCALATION_MS / 2);
    await jest.advanceTimersByTimeAsync(ESCALATION_MS / 2 - 1);
    expect(escalateIfDue).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(escalateIfDue.mock.calls).toEqual([['t1', 'elsewhere']]);
    await jest.advanceTimersByTimeAsync(ESCALATION_MS);
    expect(escalateIfDue.mock.calls).toEqual([['t1', 'elsewhere']]);
  });

  it('drops the timer once everyone acknowledged', async () => {
    scheduler.sent(sentAlert(inMs(2000)));
    settleIfAcknowledged.mockResolvedValue('a1');
    await scheduler.acknowledged(new NotificationAcknowledged('t1', 'nurse', 'n1', 0));
    expect(settleIfAcknowledged).toHaveBeenCalledWith('t1', 'n1');
    jest.advanceTimersByTime(5000);
    expect(escalateIfDue).not.toHaveBeenCalled();
  });
});
