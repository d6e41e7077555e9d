import { alertPermissions } from './alert-permissions';

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

  it('never asks for less on a malformed body (validation refuses it afterwards)', () => {
    expect(alertPermissions({ to: { everyone: 'yes' } })).toContain('alert:send-to-everyone');
    expect(alertPermissions(undefined)).toEqual(['alert:send-to-person']);
    expect(alertPermissions({ to: null })).toEqual(['alert:send-to-person']);
  });
});
