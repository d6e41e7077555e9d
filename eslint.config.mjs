import nx from '@nx/eslint-plugin';

/** The Nx dependency table: which kind of project may import which. */
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:portal', 'scope:shared'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:util', 'type:testing'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];

/** Tests may also use the testing library (type:testing), which application code may not. */
const testDepConstraints = depConstraints.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [...new Set([...constraint.onlyDependOnLibsWithTags, 'type:testing'])],
}));

const boundaries = (constraints) => [
  'error',
  { enforceBuildableLibDependency: true, banTransitiveDependencies: true, allow: [], depConstraints: constraints },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.angular', '**/test-results', '**/playwright-report'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    // Lint configs import the shared configs by path; they are not project code.
    ignores: ['**/eslint.config.mjs', 'eslint.angular.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-explicit-any': 'error',
      // A parameter may exist only for its decorator (a validated payload nobody reads).
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_' }],
      // Decorated class properties need their annotation for emitDecoratorMetadata.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/*.int.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Specs, and the migration CLI that diffs the entities against a throwaway test database.
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/*.int.ts', 'libs/api/database/src/cli/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testDepConstraints) },
  },
  {
    // A project of its own outside the workspace (CI runs it in a scratch folder): it imports the packed package.
    files: ['libs/shared/test-client/example/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
