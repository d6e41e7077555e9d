import { HttpErrorResponse } from '@angular/common/http';
import { describeFailure } from './describe-failure';

const failed = (status: number, error: unknown = null) => new HttpErrorResponse({ status, error });

describe('describeFailure', () => {
  it('says the server cannot be reached before anything else', () => {
    expect(describeFailure(failed(0), 'send it', { 0: 'never used' })).toBe(
      'Could not send it: the server cannot be reached.',
    );
  });

  it("prefers the page's own words for a status to the server's", () => {
    const refused = failed(403, { message: 'Only participants of this thread may do this' });
    expect(describeFailure(refused, 'send it', { 403: 'you are not in this conversation.' })).toBe(
      'Could not send it: you are not in this conversation.',
    );
    expect(describeFailure(refused, 'send it')).toBe('Could not send it: Only participants of this thread may do this');
  });

  it("names a 400's first field rather than its generic message", () => {
    const invalid = failed(400, { message: 'Validation failed', fields: { body: ['body must not be empty'] } });
    expect(describeFailure(invalid, 'send it')).toBe('Could not send it: body must not be empty');
    expect(describeFailure(failed(400, { message: ['a is wrong.', 'b is wrong.'] }), 'save')).toBe(
      'Could not save: a is wrong. b is wrong.',
    );
  });

  it('says just what failed when nothing tells why', () => {
    expect(describeFailure(failed(500), 'save')).toBe('Could not save.');
    expect(describeFailure(new Error('boom'), 'save')).toBe('Could not save.');
  });
});
