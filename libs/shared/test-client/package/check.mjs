// Installs the packed @derm/realtime-testing into a scratch project outside the workspace, as a
// team that builds on derm-realtime would, and runs the example suite there against the built API.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(fileURLToPath(import.meta.url));
const workspace = resolve(packageDir, '../../../..');
const packed = join(workspace, 'dist/libs/shared/realtime-testing');
const tarball = readdirSync(packed).find((name) => name.endsWith('.tgz'));
if (!tarball) throw new Error(`No tarball in ${packed}: build the package first`);

// The workspace's own versions of the runner, so npm finds them in its cache.
const versionOf = (name) =>
  JSON.parse(readFileSync(join(workspace, 'node_modules', name, 'package.json'), 'utf8')).version;
const runner = ['jest', 'ts-jest', 'typescript', '@types/jest', '@types/node'];

const scratch = mkdtempSync(join(tmpdir(), 'realtime-testing-example-'));
try {
  cpSync(join(packageDir, '../example'), scratch, { recursive: true });
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({
      name: 'realtime-testing-example',
      private: true,
      devDependencies: {
        '@derm/realtime-testing': `file:${join(packed, tarball)}`,
        ...Object.fromEntries(runner.map((name) => [name, versionOf(name)])),
      },
    }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: scratch,
    stdio: 'inherit',
  });
  execFileSync(join(scratch, 'node_modules/.bin/jest'), ['--ci'], {
    cwd: scratch,
    stdio: 'inherit',
    env: { ...process.env, DERM_API_ENTRY: join(workspace, 'dist/apps/api/main.js') },
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
