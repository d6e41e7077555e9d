import pino from 'pino';
import { REDACTED, REDACTED_PATHS, requestSummary, withoutSecretsInQuery } from './log-redaction';

describe('log redaction', () => {
  it('blanks credentials in a query string and keeps the rest', () => {
    expect(withoutSecretsInQuery('/api/patients?token=abc.def&page=2')).toBe(`/api/patients?token=${REDACTED}&page=2`);
    expect(withoutSecretsInQuery('/x?page=2&ACCESS_TOKEN=abc#top')).toBe(`/x?page=2&ACCESS_TOKEN=${REDACTED}#top`);
    expect(withoutSecretsInQuery('/api/patients')).toBe('/api/patients');
  });

  it('blanks a patient search however its name is spelled, and leaves look-alike names alone', () => {
    expect(withoutSecretsInQuery('/api/patients?q=Blake&limit=5')).toBe(`/api/patients?q=${REDACTED}&limit=5`);
    expect(withoutSecretsInQuery('/api/patients?%71=RIV-1001&Q=x')).toBe(`/api/patients?%71=${REDACTED}&Q=${REDACTED}`);
    expect(withoutSecretsInQuery('/api/patients?qq=1&limit=5&%zz=2')).toBe('/api/patients?qq=1&limit=5&%zz=2');
  });

  it('summarises a request without its credentials', () => {
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
