import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatientSummary } from '@derm/shared/contracts';
import { ApiServer, eventually, StaffSession, startApiServer } from '@derm/shared/test-client';
import { readJsonLog } from './support/json-log';

interface RequestLine {
  req?: { url: string };
  res?: { statusCode: number };
}

describe('request lines of a patient search', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-search-logs-'));
  const logFile = join(dir, 'api.log');
  let server: ApiServer;
  let nurse: StaffSession;

  beforeAll(async () => {
    server = await startApiServer({ logFile, env: { LOG_FORMAT: 'json' } });
    nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
  });
  afterAll(async () => {
    nurse?.close();
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The patient searches' request lines written so far. */
  const requestLines = (): RequestLine[] =>
    readJsonLog<RequestLine>(logFile).filter((line) => line.req?.url.startsWith('/api/patients?'));

  it('hold neither the name nor the MRN searched for, found or refused', async () => {
    const [patient] = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body;
    const [lastName] = patient.displayName.split(' ').slice(-1);
    const byName = await nurse.rest.get<PatientSummary[]>(`/api/patients?q=${encodeURIComponent(lastName)}&limit=5`);
    expect(byName.body.map((found) => found.id)).toContain(patient.id);
    const byMrn = await nurse.rest.get<PatientSummary[]>(`/api/patients?limit=5&q=${encodeURIComponent(patient.mrn)}`);
    expect(byMrn.body.map((found) => found.id)).toContain(patient.id);
    const refused = await nurse.rest.get(`/api/patients?q=${encodeURIComponent(`${lastName}%`)}`);
    expect(refused.status).toBe(400);

    await eventually('the three searches are logged', async () => requestLines().length >= 3, 5000);
    const urls = requestLines().map((line) => line.req?.url);
    expect(urls).toEqual([
      '/api/patients?q=[redacted]&limit=5',
      '/api/patients?limit=5&q=[redacted]',
      '/api/patients?q=[redacted]',
    ]);
    const text = readFileSync(logFile, 'utf8');
    for (const searched of [lastName, encodeURIComponent(lastName), patient.mrn]) expect(text).not.toContain(searched);
  });
});
