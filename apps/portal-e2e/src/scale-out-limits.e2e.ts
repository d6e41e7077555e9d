import { login } from '@derm/shared/test-client';
import { expect, test } from './scale-out-cluster';

const FLOOD = 300;

test.describe('nginx in front of the nodes', () => {
  test("refuses one sign-in's flood of REST requests itself, as the API would answer, and serves everyone else", async ({
    cluster,
  }) => {
    const signIn = async (email: string) => (await login(cluster.url, email)).accessToken;
    const readThreads = (token: string) =>
      fetch(`${cluster.url}/api/threads`, { headers: { authorization: `Bearer ${token}` } });
    const [flooder, otherClinic] = [await signIn('nurse@riverside.test'), await signIn('provider@lakeside.test')];

    const flood = await Promise.all(Array.from({ length: FLOOD }, () => readThreads(flooder)));
    // nginx's own answers name no node; it lets the burst of 100 through, and 20 a second after it.
    const byNginx = flood.filter((response) => response.headers.get('x-derm-upstream') === null);
    expect(byNginx.length).toBeGreaterThanOrEqual(FLOOD / 2);
    expect(byNginx.map((response) => response.status)).toEqual(Array(byNginx.length).fill(429));
    expect(byNginx[0].headers.get('retry-after')).toBe('1');
    expect(await byNginx[0].json()).toEqual({ statusCode: 429, message: expect.stringContaining('slow down') });
    // What got through was answered by a node, under the API's own budget.
    const byNodes = flood.filter((response) => response.headers.get('x-derm-upstream') !== null);
    expect(byNodes.every((response) => response.status === 200 || response.status === 429)).toBe(true);

    expect((await readThreads(otherClinic)).status).toBe(200);
    // Signing in carries no token, so the flood did not count against it.
    expect(await signIn('nurse@riverside.test')).toEqual(expect.any(String));
  });
});
