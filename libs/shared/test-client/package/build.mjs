// Builds @derm/realtime-testing from libs/shared/test-client: its sources and the contract
// sources they import are compiled together, so the package's .js and .d.ts carry the contract
// (under dist/contracts) and import nothing from the monorepo. Then `npm pack`s it.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(fileURLToPath(import.meta.url));
const libDir = resolve(packageDir, '..');
const workspace = resolve(libDir, '../../..');
const outDir = join(workspace, 'dist/libs/shared/realtime-testing');
const staging = join(outDir, 'staging');
const contractsAlias = '@derm/shared/contracts';

const filesUnder = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

rmSync(outDir, { recursive: true, force: true });
cpSync(join(libDir, 'src'), join(staging, 'src'), { recursive: true });
cpSync(join(workspace, 'libs/shared/contracts/src'), join(staging, 'src/contracts'), {
  recursive: true,
  filter: (path) => !path.endsWith('.spec.ts'),
});

// The monorepo alias becomes a relative import of the copied contract.
for (const file of filesUnder(join(staging, 'src')).filter((f) => f.endsWith('.ts'))) {
  const source = readFileSync(file, 'utf8');
  if (!source.includes(contractsAlias)) continue;
  let target = relative(dirname(file), join(staging, 'src/contracts')).replaceAll('\\', '/');
  if (!target.startsWith('.')) target = `./${target}`;
  writeFileSync(file, source.replaceAll(`'${contractsAlias}'`, `'${target}'`));
}
writeFileSync(
  join(staging, 'src/index.ts'),
  `${readFileSync(join(staging, 'src/index.ts'), 'utf8')}export * from './contracts';\n`,
);

writeFileSync(
  join(staging, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      module: 'commonjs',
      moduleResolution: 'node',
      lib: ['es2022', 'dom'],
      types: ['node'],
      typeRoots: [join(workspace, 'node_modules/@types')],
      strict: true,
      declaration: true,
      esModuleInterop: true,
      skipLibCheck: true,
      rootDir: 'src',
      outDir: join(outDir, 'package/dist'),
    },
    include: ['src/**/*.ts'],
  }),
);
execFileSync(
  process.execPath,
  [join(workspace, 'node_modules/typescript/bin/tsc'), '-p', join(staging, 'tsconfig.json')],
  {
    stdio: 'inherit',
  },
);

cpSync(join(packageDir, 'package.json'), join(outDir, 'package/package.json'));
cpSync(join(libDir, 'README.md'), join(outDir, 'package/README.md'));
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir], {
  cwd: join(outDir, 'package'),
  encoding: 'utf8',
}).trim();
rmSync(staging, { recursive: true, force: true });
console.log(`Packed ${join(outDir, tarball)}`);
