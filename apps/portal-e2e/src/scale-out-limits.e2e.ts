import { login } from '@derm/shared/test-client';
import { expect, test } from './scale-out-cluster';

const FLOOD = 300;

/** nginx's own answers name no node; a node's answers (its own 429s included) do. */
const answeredByNginx = (response: Response) => response.headers.get('x-derm-upstream') === null;

const signIn = async (url: string, email: string) => (await login(url, email)).accessToken;
const readThreads = (url: string, authorization: string) => fetch(`${url}/api/threads`, { headers: { authorization } });

test.describe('nginx in front of the nodes', () => {
  test("refuses one sign-in's flood of REST requests itself, as the API would answer, and serves everyone else", async ({
    cluster,
  }) => {
    const [flooder, otherClinic] = [
      await signIn(cluster.url, 'nurse@riverside.test'),
      await signIn(cluster.url, 'provider@lakeside.test'),
    ];

    const flood = await Promise.all(Array.from({ length: FLOOD }, () => readThreads(cluster.url, `Bearer ${flooder}`)));
    // nginx lets the burst of 100 through, and 20 a second after it.
    const byNginx = flood.filter(answeredByNginx);
    expect(byNginx.length).toBeGreaterThanOrEqual(FLOOD / 2);
    expect(byNginx.map((response) => response.status)).toEqual(Array(byNginx.length).fill(429));
    expect(byNginx[0].headers.get('retry-after')).toBe('1');
    expect(await byNginx[0].json()).toEqual({ statusCode: 429, message: expect.stringContaining('slow down') });
    // What got through was answered by a node, under the API's own budget.
    const byNodes = flood.filter((response) => !answeredByNginx(response));
    expect(byNodes.every((response) => response.status === 200 || response.status === 429)).toBe(true);

    expect((await readThreads(cluster.url, `Bearer ${otherClinic}`)).status).toBe(200);
    // Signing in carries no token, so the flood did not count against it.
    expect(await signIn(cluster.url, 'nurse@riverside.test')).toEqual(expect.any(String));
  });

  test('counts one token as one sign-in however its Authorization header is spelled, and no one else with it', async ({
    cluster,
  }) => {
    const [flooder, colleague] = [
      await signIn(cluster.url, 'nurse@riverside.test'),
      await signIn(cluster.url, 'frontdesk@riverside.test'),
    ];
    // Every spelling the API reads as this token: the scheme in any case, any run of spaces and tabs.
    const spellings = ['Bearer', 'bearer', 'BEARER', 'bEaReR'].flatMap((scheme) =>
      [' ', '  ', '\t', ' \t '].map((gap) => `${scheme}${gap}${flooder}`),
    );

    // The colleague's few requests go out in the same moment as the flood.
    const [flood, colleagues] = await Promise.all([
      Promise.all(Array.from({ length: FLOOD }, (_, i) => readThreads(cluster.url, spellings[i % spellings.length]))),
      Promise.all(Array.from({ length: 10 }, () => readThreads(cluster.url, `Bearer ${colleague}`))),
    ]);

    // As many refused as if it had been spelled one way: 16 spellings are not 16 allowances.
    expect(flood.filter(answeredByNginx).length).toBeGreaterThanOrEqual(FLOOD / 2);
    expect(flood.filter(answeredByNginx).every((response) => response.status === 429)).toBe(true);
    expect(colleagues.filter(answeredByNginx)).toEqual([]);
    expect(colleagues.map((response) => response.status)).toEqual(Array(colleagues.length).fill(200));
  });
});
