import { MAX_CHARTS_VIEWED_PER_SOCKET } from '@derm/shared/contracts';
import { PatientViewingError } from './patient-viewing-error';
import { describeViewingRefusal } from './viewing-refusal';

describe('describeViewingRefusal', () => {
  it('says too many charts are open in this tab, and what to do, for TOO_MANY_VIEWS', () => {
    const refusal = new PatientViewingError({ code: 'TOO_MANY_VIEWS', message: 'A connection views at most 5 charts' });
    const said = describeViewingRefusal(refusal);
    expect(said).toContain(`Too many charts are open in this tab (at most ${MAX_CHARTS_VIEWED_PER_SOCKET})`);
    expect(said).toContain('Close another chart, or reload this tab');
  });

  it('says the view could not be recorded, and to open the chart again, for VIEW_NOT_RECORDED', () => {
    const refusal = new PatientViewingError({
      code: 'VIEW_NOT_RECORDED',
      message: 'This chart view could not be recorded; open the chart again',
    });
    const said = describeViewingRefusal(refusal);
    expect(said).toContain('This view of the chart could not be recorded');
    expect(said).toContain('Open the chart again in a moment');
  });

  it('says only that the viewers cannot be shown for any other refusal or failure', () => {
    const generic = 'Who else is viewing this chart cannot be shown.';
    expect(describeViewingRefusal(new PatientViewingError({ code: 'NOT_FOUND', message: 'No such patient' }))).toBe(
      generic,
    );
    expect(describeViewingRefusal(new Error('TOO_MANY_VIEWS'))).toBe(generic);
  });
});
