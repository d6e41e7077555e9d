import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Tree } from 'nx/src/devkit-exports';

/**
 * Prettier's output for `text` as if it were the file at `path`, with the workspace's config. It
 * runs the CLI: Prettier 3 loads its plugins with `import()`, which Jest cannot follow.
 */
export function prettierFormat(tree: Tree, path: string, text: string): string {
  // A test tree has no folder of its own: it is formatted as the current workspace formats.
  const cwd = existsSync(tree.root) ? tree.root : process.cwd();
  return execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', path], {
    cwd,
    input: text,
    encoding: 'utf8',
  });
}
