export default {
  displayName: 'api-health',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/health',
};
