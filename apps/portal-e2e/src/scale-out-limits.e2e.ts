import { request } from 'node:http';
import { login } from '@derm/shared/test-client';
import { expect, test } from './scale-out-cluster';

const FLOOD = 300;
/** nginx lets 300 requests without a token from one address through at once, then 5 a second. */
const [ANONYMOUS_BURST, ANONYMOUS_PER_SECOND] = [300, 5];

/** nginx's own answers name no node; a node's answers (its own 429s included) do. */
const answeredByNginx = (response: Response) => response.headers.get('x-derm-upstream') === null;

const signIn = async (url: string, email: string) => (await login(url, email)).accessToken;
const readThreads = (url: string, authorization: string) => fetch(`${url}/api/threads`, { headers: { authorization } });
const JSON_HEADERS = { 'content-type': 'application/json' };
const signInBody = (email: string) => JSON.stringify({ email, password: 'demo-password' });
const sendSignIn = (url: string, email: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: JSON_HEADERS, body: signInBody(email) });

/** Ways of asking the API without a token that nginx must count as such: the path in any letter case, as the nodes route it, and headers that carry none. */
const WITHOUT_TOKEN: { path: string; init?: RequestInit }[] = [
  { path: '/api/threads' },
  { path: '/API/Threads' },
  { path: '/api/threads', init: { headers: { authorization: 'Basic bnVyc2U6ZGVtby1wYXNzd29yZA==' } } },
  { path: '/api/threads', init: { headers: { authorization: 'Bearer ' } } },
  { path: '/api/auth/login', init: { method: 'POST', headers: JSON_HEADERS, body: '{}' } },
];

/** A sign-in sent from another local address than the tests' own (127.0.0.1): another clinic's network. */
function signInFrom(localAddress: string, url: string, email: string): Promise<{ status: number; byNginx: boolean }> {
  return new Promise((done, fail) => {
    const sent = request(
      `${url}/api/auth/login`,
      { method: 'POST', localAddress, headers: JSON_HEADERS },
      (response) => {
        response.resume();
        done({ status: response.statusCode ?? 0, byNginx: response.headers['x-derm-upstream'] === undefined });
      },
    );
    sent.on('error', fail);
    sent.end(signInBody(email));
  });
}

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
    expect(await byNginx[0].json()).toEqual({
      statusCode: 429,
      message: 'Too many requests from this sign-in at once; slow down',
    });
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

  test("refuses one address's flood of requests without a token itself, and still serves its signed-in staff, its portal and other addresses", async ({
    cluster,
  }) => {
    const colleague = await signIn(cluster.url, 'frontdesk@riverside.test');
    let refusing: () => void = () => undefined;
    const nginxRefuses = new Promise<void>((resolve) => (refusing = resolve));
    const started = Date.now();

    const flood = Promise.all(
      Array.from({ length: 2 * ANONYMOUS_BURST }, async (_, i) => {
        const { path, init } = WITHOUT_TOKEN[i % WITHOUT_TOKEN.length];
        const response = await fetch(`${cluster.url}${path}`, init);
        if (answeredByNginx(response)) refusing();
        return response;
      }),
    );
    const colleagues = Promise.all(Array.from({ length: 10 }, () => readThreads(cluster.url, `Bearer ${colleague}`)));
    // Once nginx refuses the address, the portal's page and the socket's handshake still reach a node.
    await Promise.race([nginxRefuses, flood]);
    const portal = await Promise.all([
      ...Array.from({ length: 20 }, () => fetch(`${cluster.url}/login`)),
      ...Array.from({ length: 20 }, () => fetch(`${cluster.url}/socket.io/?EIO=4&transport=polling`)),
    ]);
    const [answers, colleaguesAnswers] = [await flood, await colleagues];
    const seconds = (Date.now() - started) / 1000;

    // No spelling of the path or of the header escapes the count.
    const refusedKinds = new Set(
      answers.flatMap((response, i) => (answeredByNginx(response) ? [i % WITHOUT_TOKEN.length] : [])),
    );
    expect(refusedKinds.size).toBe(WITHOUT_TOKEN.length);
    const byNginx = answers.filter(answeredByNginx);
    expect(byNginx.map((response) => response.status)).toEqual(Array(byNginx.length).fill(429));
    expect(byNginx.map((response) => response.headers.get('retry-after'))).toEqual(Array(byNginx.length).fill('1'));
    expect(await byNginx[0].json()).toEqual({
      statusCode: 429,
      message: 'Too many requests without a sign-in from this address at once; slow down',
    });
    // The burst reached the nodes (less the few requests the cluster's start and the sign-in spent), and then 5 a second.
    const byNodes = answers.filter((response) => !answeredByNginx(response));
    expect(byNodes.length).toBeGreaterThanOrEqual(ANONYMOUS_BURST - 10);
    expect(byNodes.length).toBeLessThanOrEqual(ANONYMOUS_BURST + 1 + ANONYMOUS_PER_SECOND * Math.ceil(seconds));
    expect(byNodes.every((response) => [400, 401, 429].includes(response.status))).toBe(true);

    expect(colleaguesAnswers.map((response) => [response.status, answeredByNginx(response)])).toEqual(
      Array(colleaguesAnswers.length).fill([200, false]),
    );
    expect(portal.map((response) => [response.status, answeredByNginx(response)])).toEqual(
      Array(portal.length).fill([200, false]),
    );
    expect((await readThreads(cluster.url, `Bearer ${colleague}`)).status).toBe(200);
    // Another address signs in as if nothing happened.
    expect(await signInFrom('127.0.0.2', cluster.url, 'provider@lakeside.test')).toEqual({
      status: 200,
      byNginx: false,
    });
  });

  test("lets a clinic's whole staff sign in from one address, after its signed-in staff's requests, none of them counted against the address", async ({
    cluster,
  }) => {
    const staff = ['provider', 'nurse', 'frontdesk', 'admin'].map((login) => `${login}@riverside.test`);
    const tokens = await Promise.all(staff.map((email) => signIn(cluster.url, email)));
    // 100 requests each at once, each sign-in within its own burst: 400 from the address, more than its own burst.
    const signedIn = await Promise.all(
      tokens.flatMap((token) => Array.from({ length: 100 }, () => readThreads(cluster.url, `Bearer ${token}`))),
    );
    expect(signedIn.filter(answeredByNginx).length).toBe(0);

    // 100 sign-ins, in waves of 25: the API itself queues one address's sign-ins, and refuses past 32 waiting on a node.
    const answers: [number, boolean][] = [];
    for (let wave = 0; wave < 4; wave++) {
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) => sendSignIn(cluster.url, staff[i % staff.length])),
      );
      answers.push(...responses.map((response): [number, boolean] => [response.status, answeredByNginx(response)]));
    }
    expect(answers).toEqual(Array(100).fill([200, false]));
  });
});
