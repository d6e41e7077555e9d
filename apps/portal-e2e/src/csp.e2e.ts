import { PatientSummary, ThreadSummary } from '@derm/shared/contracts';
import { login, RestClient } from '@derm/shared/test-client';
import { Page } from '@playwright/test';
import { badge, everyPage, expect, signInOnPage, test } from './fixtures';

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** Records every violation the browser reports, from the first byte of each document on. */
function recordViolations(): void {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`),
  );
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.cspViolations);
}

test('every portal page runs under its Content-Security-Policy without a violation', async ({ browser, api }) => {
  const [admin, nurse] = await Promise.all([
    login(api.url, 'admin@riverside.test'),
    login(api.url, 'nurse@riverside.test'),
  ]);
  const rest = new RestClient(api.url, admin.accessToken);
  const patient = (await rest.get<PatientSummary[]>('/api/patients')).body[0];
  const thread = (await rest.post<ThreadSummary>('/api/threads', { participantIds: [nurse.user.id] })).body;

  const context = await browser.newContext({ baseURL: api.url });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  const consoleReports: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) consoleReports.push(message.text());
  });

  const response = await page.goto('/login');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page).toHaveTitle('Sign in');
  await signInOnPage(page, 'admin@riverside.test');
  expect(await violations(page)).toEqual([]);

  const pages = everyPage({ threadId: thread.id, patientId: patient.id });
  for (const [path, title] of pages) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
    // Connected means the Socket.IO handshake and its WebSocket passed connect-src too.
    await expect(badge(page)).toHaveAttribute('data-state', 'connected');
    expect({ path, violations: await violations(page) }).toEqual({ path, violations: [] });
  }
  expect(consoleReports).toEqual([]);
  await context.close();
});
