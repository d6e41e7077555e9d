import { toAuditFilters, toAuditForm } from './audit-filters';

describe('toAuditFilters', () => {
  it('leaves out what the form leaves as "all"', () => {
    expect(toAuditFilters({ patientId: '', userId: '', from: '', to: '' })).toEqual({});
  });

  it('keeps the ids and turns local times into instants', () => {
    const filters = toAuditFilters({ patientId: 'p', userId: 'u', from: '2030-01-01T09:00', to: '2030-01-01T17:30' });
    expect(filters).toEqual({
      patientId: 'p',
      userId: 'u',
      from: new Date(2030, 0, 1, 9, 0).toISOString(),
      to: new Date(2030, 0, 1, 17, 30).toISOString(),
    });
  });
});

describe('toAuditForm', () => {
  it('fills the form back from the filters, times in local time', () => {
    const form = { patientId: 'p', userId: 'u', from: '2030-01-01T09:00', to: '2030-12-31T23:59' };
    expect(toAuditForm(toAuditFilters(form))).toEqual(form);
  });

  it('leaves "all" for what is unset, and a time that is no time empty', () => {
    expect(toAuditForm({})).toEqual({ patientId: '', userId: '', from: '', to: '' });
    expect(toAuditForm({ from: 'yesterday' }).from).toBe('');
  });
});
