import { StaffMember } from '@derm/shared/contracts';
import { withAccount } from './colleagues-state';

const ana: StaffMember = { id: 'a', name: 'Dr. Ana Ortiz', role: 'provider' };
const felix: StaffMember = { id: 'f', name: 'Felix Park', role: 'front-desk' };
const nora: StaffMember = { id: 'n', name: 'Nora Quinn', role: 'nurse' };

describe('withAccount', () => {
  it('takes a deactivated colleague off the list', () => {
    expect(withAccount({ ...nora, active: false })([ana, felix, nora])).toEqual([ana, felix]);
  });

  it('puts a reactivated colleague back in name order, without the account flag', () => {
    expect(withAccount({ ...felix, active: true })([ana, nora])).toEqual([ana, felix, nora]);
  });

  it('shows a new role in place, once however often it is heard', () => {
    const change = withAccount({ ...felix, role: 'nurse', active: true });
    const once = change([ana, felix, nora]);
    expect(once).toEqual([ana, { ...felix, role: 'nurse' }, nora]);
    expect(change(once)).toEqual(once);
  });

  it('leaves the list as it is for someone deactivated who was not on it', () => {
    expect(withAccount({ ...nora, active: false })([ana, felix])).toEqual([ana, felix]);
  });
});
