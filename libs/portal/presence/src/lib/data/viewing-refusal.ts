import { ErrorCode, MAX_CHARTS_VIEWED_PER_SOCKET } from '@derm/shared/contracts';
import { PatientViewingError } from './patient-viewing-error';

/** What the person can do about a refusal, for the codes that have something to do. */
const ACTIONABLE: Partial<Record<ErrorCode, string>> = {
  TOO_MANY_VIEWS:
    `Too many charts are open in this tab (at most ${MAX_CHARTS_VIEWED_PER_SOCKET}), so who else is ` +
    'viewing this one cannot be shown. Close another chart, or reload this tab, and open it again.',
  VIEW_NOT_RECORDED:
    'This view of the chart could not be recorded, so who else is viewing it cannot be shown. ' +
    'Open the chart again in a moment.',
};

/** Why "Also viewing" cannot list a chart's viewers, from what `viewersOf` failed with. */
export function describeViewingRefusal(error: unknown): string {
  const code = error instanceof PatientViewingError ? error.error.code : undefined;
  return (code && ACTIONABLE[code]) || 'Who else is viewing this chart cannot be shown.';
}
