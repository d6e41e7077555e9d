// Proves that what `nx g @derm/tools:realtime-event` writes compiles, lints and passes as generated.
// It copies the workspace (its working tree, ignored files left out) to a scratch repository
// outside it, generates a probe event there, then type-checks the files the generator touched,
// lints their projects, builds the API and runs the generated integration spec with the AsyncAPI
// spec. The workspace itself is never written to, and the scratch copy is removed.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROBE = { domain: 'appointments', name: 'generator-probe' };

// Variables of the Nx run that started this script would point the scratch's Nx at the workspace.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
Object.assign(env, { NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' });

const run = (cwd, command, args, options = {}) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: 'inherit', ...options });
const output = (cwd, command, args) => run(cwd, command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
const started = Date.now();
const step = (what) => console.log(`\n[generated-check +${Math.round((Date.now() - started) / 1000)}s] ${what}`);

/** The working tree as it is, without ignored files (dist, node_modules, caches). */
function copyWorkspace(scratch) {
  const files = output(workspace, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .split('\0')
    .filter((file) => file && existsSync(join(workspace, file)));
  const list = join(scratch, '.files');
  writeFileSync(list, files.join('\0'));
  const copy = join(scratch, 'workspace');
  mkdirSync(copy);
  execFileSync('sh', ['-c', `tar --null -T "${list}" -cf - | tar -xf - -C "${copy}"`], {
    cwd: workspace,
  });
  symlinkSync(realpathSync(join(workspace, 'node_modules')), join(copy, 'node_modules'));
  return copy;
}

/** The scratch branch: one commit of the copy, so the generator's changes are its diff. */
function commitBaseline(copy) {
  const git = (...args) =>
    output(copy, 'git', ['-c', 'user.name=generated-check', '-c', 'user.email=check@localhost', ...args]);
  git('init', '-q', '-b', 'generated-check');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'baseline');
  return () => {
    git('add', '-A');
    return git('diff', '--cached', '--name-only').split('\n').filter(Boolean);
  };
}

/** Each changed file's project, by the longest project root that holds it. */
function projectsOf(copy, files) {
  const graphFile = join(copy, '.graph.json');
  run(copy, 'npx', ['nx', 'graph', `--file=${graphFile}`], { stdio: 'ignore' });
  const { nodes } = JSON.parse(readFileSync(graphFile, 'utf8')).graph;
  const roots = Object.values(nodes)
    .map(({ name, data }) => ({ name, root: data.root }))
    .filter(({ root }) => root && root !== '.')
    .sort((a, b) => b.root.length - a.root.length);
  const byProject = new Map();
  for (const file of files) {
    const project = roots.find(({ root }) => file.startsWith(`${root}/`));
    if (!project) continue;
    const entry = byProject.get(project.name) ?? { root: project.root, files: [] };
    entry.files.push(file);
    byProject.set(project.name, entry);
  }
  return byProject;
}

/**
 * Type-checks the changed files of each project with that project's own compiler options (a
 * library's, an app's, or the specs'), and whatever they import.
 */
function typeCheck(copy, projects) {
  for (const [name, { root, files }] of projects) {
    const sources = files.filter((file) => file.endsWith('.ts'));
    const groups = [
      [
        sources.filter((f) => !f.endsWith('.spec.ts')),
        ['tsconfig.lib.json', 'tsconfig.app.json', 'tsconfig.spec.json'],
      ],
      [sources.filter((f) => f.endsWith('.spec.ts')), ['tsconfig.spec.json']],
    ];
    for (const [group, candidates] of groups) {
      if (!group.length) continue;
      const base = candidates.find((candidate) => existsSync(join(copy, root, candidate)));
      if (!base) throw new Error(`${name} has none of ${candidates.join(', ')}`);
      const config = join(copy, root, 'tsconfig.generated-check.json');
      writeFileSync(
        config,
        JSON.stringify({
          extends: `./${base}`,
          compilerOptions: { noEmit: true },
          files: group.map((file) => relative(join(copy, root), join(copy, file))),
          include: [],
        }),
      );
      console.log(`${name}: tsc on ${group.join(', ')} (${base})`);
      run(copy, 'npx', ['tsc', '-p', config]);
      rmSync(config);
    }
  }
}

const before = output(workspace, 'git', ['status', '--porcelain']);
const scratch = mkdtempSync(join(tmpdir(), 'derm-generated-check-'));
try {
  step(`copying the workspace to ${scratch}`);
  const copy = copyWorkspace(scratch);
  const changedFiles = commitBaseline(copy);

  step(`nx g @derm/tools:realtime-event --domain=${PROBE.domain} --name=${PROBE.name}`);
  run(copy, 'npx', [
    'nx',
    'g',
    '@derm/tools:realtime-event',
    `--domain=${PROBE.domain}`,
    `--name=${PROBE.name}`,
    '--no-interactive',
  ]);
  const files = changedFiles();
  const spec = files.find((file) => file.startsWith('apps/api-integration/src/') && file.endsWith('.spec.ts'));
  if (!spec) throw new Error(`The generator wrote no integration spec: ${files.join(', ')}`);
  const projects = projectsOf(copy, files);

  step(`type-checking ${files.length} changed files`);
  typeCheck(copy, projects);

  step(`linting ${[...projects.keys()].join(', ')}`);
  run(copy, 'npx', ['nx', 'run-many', '-t', 'lint', '-p', ...projects.keys(), '--outputStyle=stream']);

  step('building the API');
  run(copy, 'npx', ['nx', 'run', 'api:build', '--outputStyle=stream']);

  step(`running ${spec} and the AsyncAPI spec`);
  run(copy, 'npx', [
    'jest',
    '-c',
    'apps/api-integration/jest.config.ts',
    '--runInBand',
    '--ci',
    spec,
    'apps/api-integration/src/api-docs.spec.ts',
  ]);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (output(workspace, 'git', ['status', '--porcelain']) !== before)
  throw new Error('The check changed the workspace: see git status');
step('the generated event compiles, lints and passes');
