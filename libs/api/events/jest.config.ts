export default {
  displayName: 'api-events',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/events',
};
