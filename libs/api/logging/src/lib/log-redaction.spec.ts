import pino from 'pino';
import { censorSecrets, REDACTED, requestSummary, SECRETS_CENSORED, withoutSecretsInQuery } from './log-redaction';

describe('log redaction', () => {
  it('blanks credentials in a query string and keeps the rest', () => {
    expect(withoutSecretsInQuery('/api/patients?token=abc.def&page=2')).toBe(
      `/api/patients?token=${REDACTED}&page=2`,
    );
    expect(withoutSecretsInQuery('/x?page=2&ACCESS_TOKEN=abc#top')).toBe(
      `/x?page=2&ACCESS_TOKEN=${REDACTED}#top`,
    );
    expect(requestSummary({ id: 'r1', method: 'GET', url: '/y?password=hunter2' })).toEqual({
      id: 'r1',
      method: 'GET',
      url: `/y?password=${REDACTED}`,
      remoteAddress: undefined,
    });
  });

  it('censors tokens, passwords, bodies and patient names at any of the first three levels', () => {
    const lines: string[] = [];
    const logger = pino(SECRETS_CENSORED, { write: (line: string) => lines.push(line) });
    logger.info({
      password: 'p1',
      auth: { token: 't1' },
      message: { body: 'b1', id: 'm1' },
      event: { patient: { displayName: 'Ada Lovelace' } },
      participants: [{ id: 'u1', accessToken: 't3' }],
      req: { headers: { authorization: 'Bearer t2', host: 'h' } },
      res: { headers: { 'set-cookie': 'refresh=t4' } },
    });
    const [line] = lines;
    for (const secret of ['p1', 't1', 'b1', 'Ada Lovelace', 'Bearer t2', 't3', 't4']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      password: REDACTED,
      message: { body: REDACTED, id: 'm1' },
      participants: [{ id: 'u1', accessToken: REDACTED }],
      req: { headers: { authorization: REDACTED, host: 'h' } },
    });
  });

  it("never changes the caller's object, and hands back a line without secrets as it is", () => {
    const logged = { auth: { token: 't1' }, userId: 'u1' };
    expect(censorSecrets(logged)).toEqual({ auth: { token: REDACTED }, userId: 'u1' });
    expect(logged.auth.token).toBe('t1');

    const plain = { msg: 'Socket connected', socketId: 's1', nested: { ids: ['a', 'b'] } };
    expect(censorSecrets(plain)).toBe(plain);
  });
});
