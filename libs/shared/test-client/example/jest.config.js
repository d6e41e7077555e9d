module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  // The suite starts a real API process.
  testTimeout: 30000,
};
