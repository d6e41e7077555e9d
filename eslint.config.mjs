import nx from '@nx/eslint-plugin';

/**
 * type:util has no I/O (config, the event bus, the contract); type:data-access is what domains
 * build on (the database, Redis, identity and sessions, patients, the socket core, the inbox) and
 * never imports a feature; type:feature holds the domains the app composes. type:testing (the
 * Node-only test client) is for e2e projects and the API's and shared libraries' own tests only.
 */
function moduleBoundaries(inTests) {
  const testing = inTests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: true,
    allow: [],
    depConstraints: [
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
      { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:portal', 'scope:shared'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', ...testing],
      },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...testing] },
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
    ],
  };
}

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
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(false)],
      '@typescript-eslint/no-explicit-any': 'error',
      // A parameter may exist only for its decorator (a validated payload nobody reads).
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_' }],
      // Decorated class properties need their annotation for emitDecoratorMetadata.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its error (an unhandled rejection ends the process,
    // or in the browser leaves the page silently half-done).
    files: ['**/*.ts'],
    ignores: ['libs/shared/test-client/example/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests, their helpers, and the migration generator (which needs a throwaway database).
    files: [
      'apps/api/**/*.spec.ts',
      'libs/api/**/*.spec.ts',
      'libs/api/**/testing/**/*.ts',
      'libs/api/database/src/cli/**/*.ts',
      'libs/shared/**/*.spec.ts',
    ],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries(true)] },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/*.int.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // A project of its own outside the workspace (CI runs it in a scratch folder): it imports the packed package.
    files: ['libs/shared/test-client/example/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
