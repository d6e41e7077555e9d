export default {
  displayName: 'api-metrics',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/metrics',
};
