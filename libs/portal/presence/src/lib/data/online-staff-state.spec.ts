import { OnlineStaff } from '@derm/shared/contracts';
import { byName, cameOnline, wentOffline } from './online-staff-state';

const at = new Date('2030-01-01T09:00:00.000Z');
const nora: OnlineStaff = { userId: 'n', name: 'Nora Quinn', role: 'nurse', since: '2030-01-01T08:00:00.000Z' };
const ana: OnlineStaff = { userId: 'a', name: 'Dr. Ana Ortiz', role: 'provider', since: '2030-01-01T08:30:00.000Z' };

describe('online staff state', () => {
  it('adds a person who came online, in name order, since now', () => {
    expect(cameOnline(ana, at)([nora])).toEqual([{ ...ana, since: at.toISOString() }, nora]);
  });

  it('keeps a person already listed as they were', () => {
    expect(cameOnline({ userId: 'n', name: 'Nora Quinn', role: 'nurse' }, at)([nora])).toEqual([nora]);
  });

  it('removes a person who went offline', () => {
    expect(wentOffline({ userId: 'n', lastSeenAt: at.toISOString() })([ana, nora])).toEqual([ana]);
  });

  it('orders a snapshot by name', () => {
    expect(byName([nora, ana])).toEqual([ana, nora]);
  });
});
