import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatientSummary } from '@derm/shared/contracts';
import { ApiServer, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';
import { readJsonLog } from './support/json-log';

interface RequestLine {
  req?: { id: string; url: string };
  res?: { statusCode: number };
}

interface Answer {
  status: number;
  requestId: string;
  nextCursor: string | null;
  body: unknown;
}

describe('request lines of the query strings a client sends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-query-logs-'));
  const logFile = join(dir, 'api.log');
  let server: ApiServer;
  let nurse: StaffSession;
  let lakesideNurse: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({ logFile, env: { LOG_FORMAT: 'json' } });
    [nurse, lakesideNurse] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'nurse@lakeside.test'),
    ]);
  });
  afterAll(async () => {
    nurse?.close();
    lakesideNurse?.close();
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends the path as written (no client re-encodes it), as `as`. */
  const get = async (as: StaffSession, path: string): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${as.token}` } });
    return {
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? '',
      nextCursor: response.headers.get('x-next-cursor'),
      body: await response.json(),
    };
  };
  const loggedUrl = (answer: Answer) =>
    readJsonLog<RequestLine>(logFile).find((line) => line.req?.id === answer.requestId)?.req?.url;

  it("hold no patient's name, whether in a cursor or an odd spelling of a search, but still the ids and limits", async () => {
    const clinics = await Promise.all([nurse, lakesideNurse].map((as) => get(as, '/api/patients?limit=500')));
    const names = clinics.flatMap(({ body }) => (body as PatientSummary[]).map((patient) => patient.displayName));
    expect(names.length).toBeGreaterThan(2);

    // The Patients page and the pickers follow X-Next-Cursor, whose cursor carries the last name of a page.
    const pages: Answer[] = [];
    for (const as of [nurse, lakesideNurse]) {
      let cursor: string | null = null;
      for (let page = 0; page < 3; page++) {
        const answer: Answer = await get(as, `/api/patients?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(answer.status).toBe(200);
        pages.push(answer);
        cursor = answer.nextCursor;
      }
    }
    const cursors = pages.map((page) => page.nextCursor).filter((cursor): cursor is string => !!cursor);
    expect(cursors.length).toBeGreaterThanOrEqual(4);
    expect(cursors.some((cursor) => names.includes(JSON.parse(Buffer.from(cursor, 'base64url').toString())[0]))).toBe(
      true,
    );

    const [patient] = (await get(nurse, '/api/patients?limit=1')).body as PatientSummary[];
    const name = encodeURIComponent(patient.displayName);
    const [first, last] = patient.displayName.split(' ');
    const odd = {
      'an array search': await get(nurse, `/api/patients?q%5B%5D=${name}&limit=5`),
      'a bracketed search': await get(nurse, `/api/patients?q[]=${name}`),
      'a name with a space': await get(nurse, `/api/patients?q%20=${encodeURIComponent(first)}&limit=5`),
      'an upper-case search': await get(nurse, `/api/patients?Q=${name}`),
      'a search whose & was not encoded': await get(nurse, `/api/patients?q=${first}&${last}`),
      'a name without a parameter': await get(nurse, `/api/patients?${name}`),
      'a name where a limit belongs': await get(nurse, `/api/patients?limit=${name}`),
      'a name where an id belongs': await get(nurse, `/api/threads?patientId=${name}`),
      // Nest's answer to an unknown route quotes the URL it was sent.
      'a search of an unknown route': await get(nurse, `/api/patient?q=${name}`),
    };
    expect(Object.values(odd).map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 404]);
    const threads = await get(nurse, `/api/threads?patientId=${patient.id}&limit=5`);
    expect(threads.status).toBe(200);

    await eventually(
      'every request has its line',
      async () => [...pages, ...Object.values(odd), threads].every((answer) => loggedUrl(answer) !== undefined),
      5000,
    );
    expect(loggedUrl(pages[1])).toBe('/api/patients?limit=1&cursor=[redacted]');
    expect(loggedUrl(odd['an array search'])).toBe('/api/patients?[redacted]&limit=5');
    expect(loggedUrl(odd['an upper-case search'])).toBe('/api/patients?Q=[redacted]');
    expect(loggedUrl(odd['a name where a limit belongs'])).toBe('/api/patients?limit=[redacted]');
    expect(loggedUrl(threads)).toBe(`/api/threads?patientId=${patient.id}&limit=5`);

    const text = readFileSync(logFile, 'utf8');
    const spellings = (value: string) => [value, encodeURIComponent(value), value.replace(/ /g, '+')];
    const leaks = [
      ...names.flatMap((full) => [...spellings(full), ...full.split(' ').filter((part) => part.length > 3)]),
      ...cursors,
    ].filter((secret) => text.includes(secret));
    expect(leaks).toEqual([]);
  });
});
