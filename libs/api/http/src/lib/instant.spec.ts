import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isAcceptedDay, isAcceptedInstant, IsCalendarDay, IsInstant } from './instant';

class Booking {
  @IsInstant()
  startsAt!: unknown;

  @IsCalendarDay()
  day!: unknown;
}

const errorsOf = (startsAt: unknown, day: unknown) =>
  validateSync(plainToInstance(Booking, { startsAt, day })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsInstant', () => {
  it('accepts RFC 3339 date-times, in UTC or with an offset, as Date reads them', () => {
    for (const text of [
      '2031-06-02T15:00:00Z',
      '2031-06-02T15:00:00.000Z',
      '2031-06-02T15:00:00.5Z',
      '2031-06-02T15:00:00.123456Z',
      '2031-06-02T11:00:00-04:00',
      '2031-06-02T20:30:00+05:30',
      '2031-06-02t15:00:00z',
      '2028-02-29T00:00:00Z',
      '1900-01-01T00:00:00Z',
      '9998-12-31T23:59:59.999Z',
    ]) {
      expect([text, isAcceptedInstant(text)]).toEqual([text, true]);
    }
  });

  it('refuses the ISO 8601 forms Date cannot read, and days or times out of range', () => {
    for (const text of [
      '2027-W10-1',
      '2027-070',
      '20270311T1000Z',
      '2027-03-11T10:00:00,5Z',
      '2027-03-11T10Z',
      '2027-03-11T10:00Z',
      '2027-03-11',
      '2027-03-11T10:00:00',
      '2027-03-11 10:00:00Z',
      '2026-02-30T10:00:00Z',
      '2027-02-29T10:00:00Z',
      '2027-03-11T24:00:00Z',
      '2027-03-11T10:60:00Z',
      '2027-03-11T10:00:60Z',
      '2027-03-11T10:00:00+24:00',
      '2027-03-11T10:00:00+0400',
      '+275760-09-13T00:00:00.000Z',
      '-004714-01-01T00:00:00.000Z',
      '0050-06-01T10:00:00Z',
      '1899-12-31T23:59:59Z',
      '9999-12-31T15:00:00Z',
    ]) {
      expect([text, isAcceptedInstant(text)]).toEqual([text, false]);
    }
  });
});

describe('IsCalendarDay', () => {
  it('accepts the days of the accepted years only', () => {
    expect(['1900-01-01', '2028-02-29', '9998-12-31'].map(isAcceptedDay)).toEqual([true, true, true]);
    expect(['0050-06-01', '1899-12-31', '9999-12-31', '2026-02-30', '2026-1-1', '20260101'].map(isAcceptedDay)).toEqual(
      [false, false, false, false, false, false],
    );
  });
});

describe('their messages', () => {
  it('name the field, the form and the years', () => {
    expect(errorsOf('2027-W10-1', '9999-12-31')).toEqual([
      'startsAt must be a date and time like 2031-06-02T15:00:00Z or 2031-06-02T11:00:00-04:00 (RFC 3339), in the years 1900–9998',
      'day must be a day of the calendar, YYYY-MM-DD, in the years 1900–9998',
    ]);
    expect(errorsOf(20270311, null)).toHaveLength(2);
    expect(errorsOf('2031-06-02T15:00:00Z', '2031-06-02')).toEqual([]);
  });
});
