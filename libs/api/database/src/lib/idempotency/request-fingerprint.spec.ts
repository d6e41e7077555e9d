import { requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  it('is the same for the same request, whatever the order of its keys', () => {
    expect(requestFingerprint({ threadId: 't1', body: 'hi', nested: { b: 1, a: [1, 2] } })).toBe(
      requestFingerprint({ nested: { a: [1, 2], b: 1 }, body: 'hi', threadId: 't1' }),
    );
    expect(requestFingerprint({ id: 'n1', missing: undefined })).toBe(requestFingerprint({ id: 'n1' }));
    expect(requestFingerprint({ id: 'n1', patientId: null, nested: { a: null } })).toBe(
      requestFingerprint({ id: 'n1', nested: {} }),
    );
  });

  it('differs for a different request', () => {
    expect(requestFingerprint({ body: 'hi' })).not.toBe(requestFingerprint({ body: 'hi ' }));
    expect(requestFingerprint({ a: [1, 2] })).not.toBe(requestFingerprint({ a: [2, 1] }));
    expect(requestFingerprint({ threadId: 't1' })).not.toBe(requestFingerprint({ threadId: 't2' }));
    // In a list, null is an element, not a field left out.
    expect(requestFingerprint({ ids: [null] })).not.toBe(requestFingerprint({ ids: [] }));
  });
});
