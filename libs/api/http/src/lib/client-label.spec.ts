import { clientLabel, UNKNOWN_CLIENT } from './client-label';
import { sessionTag } from './session-tag';

describe('clientLabel', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome 131 on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
      'Edge 131 on Windows',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/143.0.0.0 Safari/537.36',
      'Chrome 143 on Linux',
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on macOS'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
      'Safari 17 on iOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome 131 on Android',
    ],
    ['node-XMLHttpRequest', UNKNOWN_CLIENT],
    [`Mozilla/5.0 (X11; Linux x86_64) Chrome/${'9'.repeat(120)} Safari/537.36`, `${UNKNOWN_CLIENT} on Linux`],
  ])('reads %s as %s', (userAgent, label) => {
    expect(clientLabel(userAgent)).toBe(label);
  });

  it('reads a made-up header of many digits in one pass', () => {
    // A pattern that backtracks takes tens of seconds on this, past the test's time-out.
    expect(clientLabel(`Version/${'1'.repeat(200_000)}`)).toBe(UNKNOWN_CLIENT);
  });

  it('names an absent user agent unknown', () => {
    expect(clientLabel(undefined)).toBe(UNKNOWN_CLIENT);
  });
});

describe('sessionTag', () => {
  it('is short, stable per sign-in and different between sign-ins', () => {
    const sid = '6f1c2d9e-0000-4000-8000-000000000001';
    expect(sessionTag(sid)).toMatch(/^[0-9a-f]{8}$/);
    expect(sessionTag(sid)).toBe(sessionTag(sid));
    expect(sessionTag(sid)).not.toBe(sessionTag('6f1c2d9e-0000-4000-8000-000000000002'));
  });
});
