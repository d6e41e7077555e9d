import { request } from 'node:http';
import { ApiServer, eventually, startApiServer } from '@derm/shared/test-client';

const LOCKOUT_SECONDS = 2;
const ADDRESS_MAX_FAILURES = 12;

interface Attempt {
  status: number;
  retryAfter: number | null;
}

/**
 * Sign-in storms sent all at once, as a script would, rather than one attempt after another: the
 * limits must hold for attempts that are checked side by side.
 */
describe('sign-in storms sent all at once', () => {
  let server: ApiServer;

  async function attempt(email: string, password: string, address: string): Promise<Attempt> {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    });
    await response.arrayBuffer();
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, retryAfter: retryAfter === null ? null : Number(retryAfter) };
  }

  /** A sign-in whose request is known to be all written out (`sent`) before its answer comes. */
  function send(email: string, password: string, address: string): { sent: Promise<void>; answer: Promise<Attempt> } {
    const body = JSON.stringify({ email, password });
    let sent!: Promise<void>;
    const answer = new Promise<Attempt>((resolve, reject) => {
      const outgoing = request(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      });
      outgoing.on('response', (response) => {
        response.resume().on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: retryAfter === undefined ? null : Number(retryAfter),
          });
        });
      });
      outgoing.on('error', reject);
      sent = new Promise((written) => outgoing.end(body, () => written()));
    });
    return { sent, answer };
  }

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        SIGNIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
        SIGNIN_LOCKOUT_MAX_SECONDS: '3600',
        SIGNIN_ADDRESS_MAX_FAILURES: String(ADDRESS_MAX_FAILURES),
        TRUST_PROXY: 'loopback',
      },
    });
  });
  afterAll(async () => server?.dispose());

  /**
   * Sends the wrong guesses all at once and, once every one of them is written to the server (so
   * that the server has them before it), the right one while they are still being checked.
   */
  async function stormThenRightPassword(
    wrong: (i: number) => ReturnType<typeof send>,
    right: () => ReturnType<typeof send>,
  ): Promise<{ storm: Attempt[]; rightOne: Attempt }> {
    const storm = Array.from({ length: 30 }, (_, i) => wrong(i));
    await Promise.all(storm.map(({ sent }) => sent));
    const rightOne = await right().answer;
    return { storm: await Promise.all(storm.map(({ answer }) => answer)), rightOne };
  }

  it('checks no more guesses of one account than its limit when they arrive at once, and locks it once', async () => {
    // From many addresses, so that no address limit is reached: only the account's own count.
    const { storm, rightOne } = await stormThenRightPassword(
      (i) => send('nurse@lakeside.test', `wrong-${i}`, `198.51.100.${100 + i}`),
      () => send('nurse@lakeside.test', 'demo-password', '198.51.100.200'),
    );
    expect(rightOne.status).toBe(429);
    expect(storm.filter((a) => a.status === 401).length).toBe(9);
    const refusals = [...storm, rightOne].filter((a) => a.status === 429);
    expect(refusals.length).toBe(31 - 9);
    // The first lockout, not one more per guess that was in flight when it began.
    for (const refusal of refusals) expect(refusal.retryAfter).toBeLessThanOrEqual(LOCKOUT_SECONDS);

    await eventually(
      'the owner signs in once the first lockout ends',
      async () => (await attempt('nurse@lakeside.test', 'demo-password', '198.51.100.99')).status === 200,
      LOCKOUT_SECONDS * 1000 + 5000,
    );
  });

  it('checks no more guesses from one address than its limit when they arrive at once; other addresses sign in', async () => {
    const address = '203.0.113.50';
    const { storm, rightOne } = await stormThenRightPassword(
      (i) => send(`stranger-${i}@riverside.test`, 'wrong', address),
      () => send('frontdesk@riverside.test', 'demo-password', address),
    );
    expect(rightOne.status).toBe(429);
    expect(storm.filter((a) => a.status === 401).length).toBe(ADDRESS_MAX_FAILURES - 1);
    for (const refusal of [...storm, rightOne].filter((a) => a.status === 429)) {
      expect(refusal.retryAfter).toBeGreaterThanOrEqual(1);
    }
    expect(storm.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect((await attempt('frontdesk@lakeside.test', 'demo-password', '203.0.113.51')).status).toBe(200);
  });
});
