import { PatientViewAuditEntry } from '@derm/shared/contracts';
import { connectionLabels, viewDuration } from './audit-labels';

const view = (sessionId: string, startedAt: string): PatientViewAuditEntry => ({
  userId: 'u',
  userName: 'Nora Quinn',
  patientId: 'p',
  sessionId,
  startedAt,
});

describe('connectionLabels', () => {
  it('numbers connections by the first chart each opened, whatever the list order', () => {
    const labels = connectionLabels([
      view('socket-b', '2030-01-01T10:05:00.000Z'),
      view('socket-a', '2030-01-01T10:00:00.000Z'),
      view('socket-b', '2030-01-01T09:55:00.000Z'),
      view('socket-c', '2030-01-01T11:00:00.000Z'),
    ]);
    expect([...labels]).toEqual([
      ['socket-b', 'Connection 1'],
      ['socket-a', 'Connection 2'],
      ['socket-c', 'Connection 3'],
    ]);
  });

  it('is empty for no views', () => {
    expect(connectionLabels([]).size).toBe(0);
  });
});

describe('viewDuration', () => {
  const at = (time: string) => `2030-01-01T${time}.000Z`;

  it('reads in seconds, minutes or hours', () => {
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('10:00:45') })).toBe('45 s');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('10:03:05') })).toBe('3 min 5 s');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('10:03:00') })).toBe('3 min');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('11:12:30') })).toBe('1 h 12 min');
    expect(viewDuration({ startedAt: at('10:00:00'), endedAt: at('12:00:00') })).toBe('2 h');
  });

  it('has none while the chart is still open', () => {
    expect(viewDuration({ startedAt: at('10:00:00') })).toBeNull();
  });
});
