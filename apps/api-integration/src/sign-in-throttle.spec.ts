import Database from 'better-sqlite3';
import { hashSync } from 'bcryptjs';
import { Client } from 'pg';
import { LoginResponse } from '@derm/shared/contracts';
import { ApiServer, eventually, RestClient, startApiServer, TestDatabase } from '@derm/shared/test-client';

const LOCKOUT_SECONDS = 2;
const ADDRESS_MAX_FAILURES = 12;

interface Attempt {
  status: number;
  retryAfter: number | null;
  body: { message?: string; accessToken?: string };
}

/** Reads or writes a staff member's stored hash, as an older release or an operator would. */
async function onStaffRow<T>(database: TestDatabase, sql: string, params: string[]): Promise<T[]> {
  if (database.kind === 'sqlite') {
    const db = new Database(database.url.slice('sqlite:'.length));
    try {
      const statement = db.prepare(sql.replace(/\$\d/g, '?'));
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql.replace(/passwordHash/g, '"passwordHash"'), params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('sign-in throttle, lockout and password hashing', () => {
  let server: ApiServer;

  /** A sign-in from a client address of the test's choosing, forwarded by a trusted local proxy. */
  async function attempt(email: string, password: string, address = '198.51.100.1'): Promise<Attempt> {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    });
    const retryAfter = response.headers.get('retry-after');
    return {
      status: response.status,
      retryAfter: retryAfter === null ? null : Number(retryAfter),
      body: await response.json(),
    };
  }

  async function failTimes(times: number, email: string, address?: string): Promise<Attempt[]> {
    const attempts: Attempt[] = [];
    for (let i = 0; i < times; i++) attempts.push(await attempt(email, `wrong-${i}`, address));
    return attempts;
  }

  beforeAll(async () => {
    server = await startApiServer({
      env: {
        SIGNIN_LOCKOUT_SECONDS: String(LOCKOUT_SECONDS),
        SIGNIN_ADDRESS_MAX_FAILURES: String(ADDRESS_MAX_FAILURES),
        TRUST_PROXY: 'loopback',
      },
    });
  });
  afterAll(async () => server?.dispose());

  it('locks an account after 10 wrong passwords with 429 and Retry-After, then lets its owner back in', async () => {
    const failures = await failTimes(10, 'provider@riverside.test', '198.51.100.10');
    expect(failures.slice(0, 9).map((a) => a.status)).toEqual(Array(9).fill(401));
    expect(failures[9]).toMatchObject({ status: 429, retryAfter: LOCKOUT_SECONDS });

    // Locked: even the right password, from anywhere, is refused, without saying whether it was right.
    const locked = await attempt('provider@riverside.test', 'demo-password', '198.51.100.11');
    expect(locked.status).toBe(429);
    expect(locked.retryAfter).toBeGreaterThanOrEqual(1);
    expect(locked.body.accessToken).toBeUndefined();
    // Another account, even of the same clinic, is not locked.
    expect((await attempt('nurse@riverside.test', 'demo-password', '198.51.100.10')).status).toBe(200);

    await eventually(
      'the owner signs in once the lockout window ends',
      async () => (await attempt('provider@riverside.test', 'demo-password', '198.51.100.11')).status === 200,
      LOCKOUT_SECONDS * 1000 + 3000,
    );
    // The successful sign-in cleared the count: one more mistake is a plain 401.
    expect((await attempt('provider@riverside.test', 'wrong', '198.51.100.11')).status).toBe(401);
  });

  it('locks an unknown email the same way, and each further lockout lasts twice as long', async () => {
    const first = await failTimes(10, 'ghost@riverside.test', '198.51.100.20');
    expect(first.map((a) => a.status)).toEqual([...Array(9).fill(401), 429]);
    expect(first[9].retryAfter).toBe(LOCKOUT_SECONDS);
    expect(first[0].body.message).toBe((await attempt('admin@riverside.test', 'wrong', '198.51.100.21')).body.message);

    await eventually(
      'the first lockout ends',
      async () => (await attempt('ghost@riverside.test', 'wrong-again', '198.51.100.20')).status === 401,
      LOCKOUT_SECONDS * 1000 + 3000,
    );
    // From another address, so that this address's own limit stays out of the way.
    const second = await failTimes(9, 'ghost@riverside.test', '198.51.100.22');
    expect(second.map((a) => a.status)).toEqual([...Array(8).fill(401), 429]);
    expect(second[8].retryAfter).toBe(LOCKOUT_SECONDS * 2);
  });

  it('refuses an address after SIGNIN_ADDRESS_MAX_FAILURES failures over any accounts, and no other address', async () => {
    const address = '203.0.113.7';
    const failures: Attempt[] = [];
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++)
      failures.push(await attempt(`nobody-${i}@lakeside.test`, 'wrong', address));
    expect(failures.slice(0, -1).every((a) => a.status === 401)).toBe(true);
    expect(failures.at(-1)).toMatchObject({ status: 429 });
    expect(failures.at(-1)?.retryAfter).toBeGreaterThanOrEqual(1);

    const fromThere = await attempt('frontdesk@lakeside.test', 'demo-password', address);
    expect(fromThere.status).toBe(429);
    expect(fromThere.retryAfter).toBeGreaterThanOrEqual(1);
    expect((await attempt('frontdesk@lakeside.test', 'demo-password', '203.0.113.8')).status).toBe(200);
  });

  it('seeds argon2id hashes, and upgrades a bcrypt hash at its next successful sign-in', async () => {
    const select = 'SELECT passwordHash FROM staff_members WHERE email = $1';
    const [seeded] = await onStaffRow<{ passwordHash: string }>(server.database, select, ['admin@lakeside.test']);
    expect(seeded.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const legacy = hashSync('an-old-password', 4);
    await onStaffRow(server.database, 'UPDATE staff_members SET passwordHash = $1 WHERE email = $2', [
      legacy,
      'admin@lakeside.test',
    ]);
    expect((await attempt('admin@lakeside.test', 'demo-password', '198.51.100.40')).status).toBe(401);
    const [stillLegacy] = await onStaffRow<{ passwordHash: string }>(server.database, select, ['admin@lakeside.test']);
    expect(stillLegacy.passwordHash).toBe(legacy);

    const signedIn = await attempt('admin@lakeside.test', 'an-old-password', '198.51.100.40');
    expect(signedIn.status).toBe(200);
    const [upgraded] = await onStaffRow<{ passwordHash: string }>(server.database, select, ['admin@lakeside.test']);
    expect(upgraded.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await attempt('admin@lakeside.test', 'an-old-password', '198.51.100.40')).status).toBe(200);
    expect((await attempt('admin@lakeside.test', 'demo-password', '198.51.100.40')).status).toBe(401);
    const token = (signedIn.body as LoginResponse).accessToken;
    expect((await new RestClient(server.url, token).get('/api/staff')).status).toBe(200);
  });
});

describe('sign-in behind a proxy that is not trusted', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({ env: { SIGNIN_ADDRESS_MAX_FAILURES: '3' } });
  });
  afterAll(async () => server?.dispose());

  it('ignores X-Forwarded-For without TRUST_PROXY: every client shares the connecting address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
        body: JSON.stringify({ email: `nobody-${i}@riverside.test`, password: 'wrong' }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
    const anyone = await new RestClient(server.url).post('/api/auth/login', {
      email: 'nurse@riverside.test',
      password: 'demo-password',
    });
    expect(anyone.status).toBe(429);
  });
});
