import { OnlineStaff } from '@derm/shared/contracts';
import { accountChanged, byName, presenceChanged } from './online-staff-state';

const at = new Date('2030-01-01T09:00:00.000Z');
const nora: OnlineStaff = { userId: 'n', name: 'Nora Quinn', role: 'nurse', since: '2030-01-01T08:00:00.000Z' };
const ana: OnlineStaff = { userId: 'a', name: 'Dr. Ana Ortiz', role: 'provider', since: '2030-01-01T08:30:00.000Z' };
const felix: OnlineStaff = { userId: 'f', name: 'Felix Park', role: 'front-desk', since: '2030-01-01T08:45:00.000Z' };
const person = ({ userId, name, role }: OnlineStaff) => ({ userId, name, role });

describe('online staff state', () => {
  it('adds the people who came online, in name order, since now', () => {
    expect(presenceChanged({ online: [person(felix), person(ana)], offline: [] }, at)([nora])).toEqual([
      { ...ana, since: at.toISOString() },
      { ...felix, since: at.toISOString() },
      nora,
    ]);
  });

  it('keeps a person already listed as they were', () => {
    expect(presenceChanged({ online: [person(nora)], offline: [] }, at)([nora])).toEqual([nora]);
  });

  it('removes the people who went offline, and adds the others of the same batch', () => {
    const changed = { online: [person(felix)], offline: [{ userId: 'n', lastSeenAt: at.toISOString() }] };
    expect(presenceChanged(changed, at)([ana, nora])).toEqual([ana, { ...felix, since: at.toISOString() }]);
  });

  it('orders a snapshot by name', () => {
    expect(byName([nora, ana])).toEqual([ana, nora]);
  });

  it('shows an online colleague with the role an admin gave them, leaving everyone else as they were', () => {
    const change = accountChanged({ id: 'f', name: 'Felix Park', role: 'nurse', active: true });
    expect(change([ana, felix, nora])).toEqual([ana, { ...felix, role: 'nurse' }, nora]);
  });

  it('takes a deactivated colleague off at once, and leaves the list alone for someone not on it', () => {
    expect(accountChanged({ id: 'n', name: 'Nora Quinn', role: 'nurse', active: false })([ana, nora])).toEqual([ana]);
    expect(accountChanged({ id: 'x', name: 'Xia Lund', role: 'admin', active: true })([ana, nora])).toEqual([
      ana,
      nora,
    ]);
  });
});
