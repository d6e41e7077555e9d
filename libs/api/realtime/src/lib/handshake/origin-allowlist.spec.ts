import type { IncomingMessage } from 'node:http';
import { originAllowlist } from './origin-allowlist';

const decide = (origin: string | undefined, host = 'api.clinic.test') =>
  new Promise<boolean>((resolve) =>
    originAllowlist(['https://portal.clinic.test'])(
      { headers: { origin, host } } as IncomingMessage,
      (_error, success) => resolve(success),
    ),
  );

describe('originAllowlist', () => {
  it('allows listed origins, the same origin and clients without an Origin', async () => {
    expect(await decide('https://portal.clinic.test')).toBe(true);
    expect(await decide('https://api.clinic.test')).toBe(true);
    expect(await decide(undefined)).toBe(true);
  });

  it('refuses other origins, including malformed ones', async () => {
    expect(await decide('https://evil.example')).toBe(false);
    expect(await decide('null')).toBe(false);
  });
});
