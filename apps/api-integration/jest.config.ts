export default {
  displayName: 'api-integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Tests drive real API processes over real sockets.
  testTimeout: 30_000,
};
