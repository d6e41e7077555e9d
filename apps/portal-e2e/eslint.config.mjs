import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // This file imports the root config by path, which is not a project import.
    files: ['**/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
