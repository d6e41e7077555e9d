import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';

const API_POLICY = "default-src 'none';frame-ancestors 'none'";

/**
 * Express matches routes without regard to letter case (the app leaves `case sensitive routing`
 * off), so `/API/patients` is the API's `/api/patients`: it must carry the API's headers, not the
 * portal's page policy, and an unknown `/API/...` path is the API's 404, never a portal page.
 */
describe('HTTP: the API prefixes in any letter case', () => {
  const dir = mkdtempSync(join(tmpdir(), 'derm-path-case-'));
  // A portal of its own, so its pages are served whether or not the real one has been built.
  const portalDist = join(dir, 'portal');
  let server: ApiServer;
  let nurse: StaffSession;
  let otherClinic: StaffSession;

  beforeAll(async () => {
    mkdirSync(portalDist);
    writeFileSync(join(portalDist, 'index.html'), '<!doctype html><title>derm portal</title>');
    server = await startApiServer({ env: { PORTAL_DIST: portalDist } });
    [nurse, otherClinic] = await Promise.all([
      StaffSession.signIn(server.url, 'nurse@riverside.test'),
      StaffSession.signIn(server.url, 'frontdesk@lakeside.test'),
    ]);
  });
  afterAll(async () => {
    [nurse, otherClinic].forEach((session) => session?.close());
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, as?: StaffSession) =>
    fetch(`${server.url}${path}`, { headers: as ? { authorization: `Bearer ${as.token}` } : {} });
  const apiHeadersOf = (response: Response) => ({
    csp: response.headers.get('content-security-policy'),
    noStore: /(^|, )no-store(,|$)/.test(response.headers.get('cache-control') ?? ''),
    json: (response.headers.get('content-type') ?? '').startsWith('application/json'),
  });

  it("answers /API/... as the API, with the API's headers, and the same clinic's data as /api/...", async () => {
    const lower = (await (await get('/api/patients', nurse)).json()) as { id: string }[];
    expect(lower.length).toBeGreaterThan(0);
    for (const path of ['/API/patients', '/Api/Patients']) {
      const response = await get(path, nurse);
      expect({ path, status: response.status, ...apiHeadersOf(response) }).toEqual({
        path,
        status: 200,
        csp: API_POLICY,
        noStore: true,
        json: true,
      });
      expect(await response.json()).toEqual(lower);
    }
    const theirs = (await (await get('/API/patients', otherClinic)).json()) as { id: string }[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.filter((patient) => lower.some((ours) => ours.id === patient.id))).toEqual([]);
  });

  it("refuses a signed-out /API/... and answers an unknown one with the API's 404, not a portal page", async () => {
    for (const [path, as, status] of [
      ['/API/patients', undefined, 401],
      ['/aPI/patients?limit=1', undefined, 401],
      ['/API/no-such-route', nurse, 404],
      ['/API', nurse, 404],
      ['/HEALTH/live', undefined, 200],
    ] as const) {
      const response = await get(path, as);
      expect({ path, status: response.status, ...apiHeadersOf(response) }).toEqual({
        path,
        status,
        csp: API_POLICY,
        noStore: true,
        json: true,
      });
      expect(await response.text()).not.toContain('derm portal');
    }
  });

  it('still gives portal pages, whatever their case, the page policy', async () => {
    for (const path of ['/schedule', '/APIS', '/Apiary/x']) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('derm portal');
    }
  });

  it('gives the OpenAPI page the page policy in any case, as Swagger UI runs its own scripts', async () => {
    for (const path of ['/api/docs/', '/API/Docs/']) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('swagger-ui');
    }
  });
});
