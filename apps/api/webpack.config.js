const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api') },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      // The OpenAPI document learns each DTO's fields and their class-validator rules from the types.
      transformers: [
        {
          name: '@nestjs/swagger/plugin',
          options: { dtoFileNameSuffix: ['.dto.ts', '.query.ts'], classValidatorShim: true, introspectComments: true },
        },
      ],
      // Generated from the contract before each build (asyncapi:generate), served at /api/asyncapi.json.
      assets: [{ input: 'dist/contracts', glob: 'asyncapi.json', output: '.' }],
    }),
  ],
};
