import pino from 'pino';
import { REDACTED, REDACTED_PATHS, requestSummary, loggableUrl } from './log-redaction';

describe('log redaction', () => {
  it('blanks credentials in a query string and keeps the rest', () => {
    expect(loggableUrl('/api/patients?token=abc.def&limit=2')).toBe(`/api/patients?token=${REDACTED}&limit=2`);
    expect(loggableUrl('/api/threads?limit=2&ACCESS_TOKEN=abc')).toBe(`/api/threads?limit=2&ACCESS_TOKEN=${REDACTED}`);
    expect(loggableUrl('/api/patients')).toBe('/api/patients');
    expect(loggableUrl('/api/patients?')).toBe('/api/patients?');
  });

  it('blanks a patient search however its name is spelled', () => {
    expect(loggableUrl('/api/patients?q=Blake&limit=5')).toBe(`/api/patients?q=${REDACTED}&limit=5`);
    expect(loggableUrl('/api/patients?%71=RIV-1001&Q=x')).toBe(`/api/patients?%71=${REDACTED}&Q=${REDACTED}`);
    for (const odd of [
      'q%5B%5D=Jordan%20Blake',
      'q[]=Jordan+Blake',
      'q%20=Jordan',
      'q[0]=Jordan',
      'qq=Blake',
      '%zz=Blake',
    ]) {
      expect(loggableUrl(`/api/patients?${odd}&limit=5`)).toBe(`/api/patients?${REDACTED}&limit=5`);
    }
  });

  it("blanks a cursor, which carries the last row's sort key (a patient's name)", () => {
    const cursor = Buffer.from(JSON.stringify(['Jordan Blake', 'b3c1'])).toString('base64url');
    expect(loggableUrl(`/api/patients?limit=1&cursor=${cursor}`)).toBe(`/api/patients?limit=1&cursor=${REDACTED}`);
  });

  it('keeps the ids, limits, times, flags and Socket.IO parameters the API reads', () => {
    const id = '0b6c2f7e-3a41-4d8e-9c57-2f1b7a9e4d10';
    const safe = [
      `/api/audit/patient-views?patientId=${id}&userId=${id}&from=2026-01-05T09:00:00.000Z&to=2026-01-05T10%3A00%3A00%2B01%3A00&limit=500`,
      `/api/notifications?unread=true&before=${id}&limit=20`,
      '/api/appointments?date=2026-01-05',
      '/socket.io/?EIO=4&transport=polling&t=PkZ3x1a&sid=AbC-12_xYz',
    ];
    for (const url of safe) expect(loggableUrl(url)).toBe(url);
  });

  it('blanks the value of a known parameter that does not look like what it holds, and any unknown parameter', () => {
    expect(loggableUrl('/api/patients?limit=Blake&patientId=Jordan%20Blake&unread=Blake')).toBe(
      `/api/patients?limit=${REDACTED}&patientId=${REDACTED}&unread=${REDACTED}`,
    );
    expect(loggableUrl('/api/appointments?date=Jordan+Blake&from=Blake&transport=Blake')).toBe(
      `/api/appointments?date=${REDACTED}&from=${REDACTED}&transport=${REDACTED}`,
    );
    // An upper-case spelling is not the parameter the API reads (an encoded one is), so its value is not vouched for.
    expect(loggableUrl('/api/patients?LIMIT=5&%6Cimit=6&limit=%')).toBe(
      `/api/patients?LIMIT=${REDACTED}&%6Cimit=6&limit=${REDACTED}`,
    );
    // A name is data too when a value's unencoded `&` split it off, or a client sent a value alone.
    expect(loggableUrl('/api/patients?q=Jordan&Blake&Jordan%20Blake&limit=5')).toBe(
      `/api/patients?q=${REDACTED}&${REDACTED}&${REDACTED}&limit=5`,
    );
  });

  it('keeps the route words and ids of a path', () => {
    const id = '0b6c2f7e-3a41-4d8e-9c57-2f1b7a9e4d10';
    const safe = [
      `/api/patients/${id}/appointments`,
      `/api/threads/${id}/participants/me`,
      `/api/appointments/${id}/check-in`,
      `/api/patients/${id}/viewers`,
      '/api/staff/accounts',
      '/api/audit/patient-views',
      '/API/Patients/',
      '/api/openapi.json',
      '/socket.io/',
      '/health/ready',
      '/',
      '',
    ];
    for (const url of safe) expect(loggableUrl(url)).toBe(url);
  });

  it('blanks every other path segment, however it is spelled', () => {
    expect(loggableUrl('/api/patients/Jordan%20Blake')).toBe(`/api/patients/${REDACTED}`);
    expect(loggableUrl('/api/patients/Jordan Blake/anything?limit=5')).toBe(
      `/api/patients/${REDACTED}/${REDACTED}?limit=5`,
    );
    expect(loggableUrl('/api/patient/jordan-blake')).toBe(`/api/${REDACTED}/${REDACTED}`);
    expect(loggableUrl('/api/patients/Zo%C3%AB%20%C3%85ngstr%C3%B6m')).toBe(`/api/patients/${REDACTED}`);
    expect(loggableUrl('/api/patients/Zoë')).toBe(`/api/patients/${REDACTED}`);
    expect(loggableUrl('/api/patients/%E0%A4%A')).toBe(`/api/patients/${REDACTED}`);
    expect(loggableUrl('/api/../patients//Blake/..%2FBlake')).toBe(
      `/api/${REDACTED}/patients//${REDACTED}/${REDACTED}`,
    );
    expect(loggableUrl(`/api/patients/${'Blake'.repeat(2000)}`)).toBe(`/api/patients/${REDACTED}`);
    // A name that happens to be a route's word says nothing of the patient; one beside it is blanked.
    expect(loggableUrl('/api/patients/read%20Blake')).toBe(`/api/patients/${REDACTED}`);
    expect(loggableUrl('http://riverside/Blake')).toBe(`${REDACTED}//${REDACTED}/${REDACTED}`);
  });

  it('blanks a fragment, which a script may send', () => {
    expect(loggableUrl('/api/patients#Blake')).toBe(`/api/patients#${REDACTED}`);
    expect(loggableUrl('/api/patients?limit=2#Jordan%20Blake')).toBe(`/api/patients?limit=2#${REDACTED}`);
    expect(loggableUrl('/api/patients#')).toBe('/api/patients');
  });

  it('summarises a request without its credentials', () => {
    expect(requestSummary({ id: 'r1', method: 'GET', url: '/y?password=hunter2&limit=3' })).toEqual({
      id: 'r1',
      method: 'GET',
      url: `/${REDACTED}?password=${REDACTED}&limit=3`,
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
