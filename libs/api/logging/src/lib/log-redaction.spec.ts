import pino from 'pino';
import { REDACTED, REDACTED_PATHS, requestSummary, withoutSecretsInQuery } from './log-redaction';

describe('log redaction', () => {
  it('blanks credentials in a query string and keeps the rest', () => {
    expect(withoutSecretsInQuery('/api/patients?token=abc.def&page=2')).toBe(`/api/patients?token=${REDACTED}&page=2`);
    expect(withoutSecretsInQuery('/x?page=2&ACCESS_TOKEN=abc#top')).toBe(`/x?page=2&ACCESS_TOKEN=${REDACTED}#top`);
    expect(requestSummary({ id: 'r1', method: 'GET', url: '/y?password=hunter2' })).toEqual({
      id: 'r1',
      method: 'GET',
      url: `/y?password=${REDACTED}`,
      remoteAddress: undefined,
    });
  });

  it('censors tokens, passwords, bodies and patient names at any of the first three levels', () => {
    const lines: string[] = [];
    const logger = pino(
      { redact: { paths: REDACTED_PATHS, censor: REDACTED } },
      { write: (line: string) => lines.push(line) },
    );
    logger.info({
      password: 'p1',
      auth: { token: 't1' },
      message: { body: 'b1', id: 'm1' },
      event: { patient: { displayName: 'Ada Lovelace' } },
      req: { headers: { authorization: 'Bearer t2', host: 'h' } },
    });
    const [line] = lines;
    for (const secret of ['p1', 't1', 'b1', 'Ada Lovelace', 'Bearer t2']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      message: { id: 'm1' },
      req: { headers: { host: 'h' } },
    });
  });
});
