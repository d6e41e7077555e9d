import { MAX_ALERT_PEOPLE_WITHOUT_SEND_TO_EVERYONE as LIMIT } from '@derm/shared/contracts';
import { alertPermissions } from './alert-permissions';

const people = (count: number) => Array.from({ length: count }, (_, i) => `person-${i}`);

describe('alertPermissions', () => {
  it('asks for more the wider an alert goes', () => {
    expect(alertPermissions({ to: { userIds: ['a'] } })).toEqual(['alert:send-to-person']);
    expect(alertPermissions({ to: { role: 'nurse' } })).toEqual(['alert:send-to-person', 'alert:send-to-role']);
    expect(alertPermissions({ to: { everyone: true, role: 'admin' } })).toEqual([
      'alert:send-to-person',
      'alert:send-to-role',
      'alert:send-to-everyone',
    ]);
  });

  it('asks for the whole clinic’s permission past the limit of people named, saying why', () => {
    expect(alertPermissions({ to: { userIds: people(LIMIT) } })).toEqual(['alert:send-to-person']);
    expect(alertPermissions({ to: { userIds: people(LIMIT + 1) } })).toEqual([
      'alert:send-to-person',
      { permission: 'alert:send-to-everyone', because: `alert more than ${LIMIT} people by name` },
    ]);
  });

  it('counts each person once, as the alert reaches them once', () => {
    const twice = [...people(LIMIT), ...people(LIMIT)];
    expect(alertPermissions({ to: { userIds: twice } })).toEqual(['alert:send-to-person']);
  });

  it('never asks for less on a malformed body (validation refuses it afterwards)', () => {
    expect(alertPermissions({ to: { everyone: 'yes' } })).toContain('alert:send-to-everyone');
    expect(alertPermissions(undefined)).toEqual(['alert:send-to-person']);
    expect(alertPermissions({ to: null })).toEqual(['alert:send-to-person']);
  });
});
