import { defineConfig } from '@playwright/test';

/**
 * Each test starts its own built API (which serves the built portal on the same origin) on a
 * free port with a fresh database; see src/fixtures.ts. Run through `nx e2e portal-e2e`, which
 * builds both first.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  tsconfig: './tsconfig.json',
  outputDir: '../../dist/.playwright/portal-e2e/test-results',
  // Two files at a time: each test has an API of its own, so nothing is shared but the cores.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
