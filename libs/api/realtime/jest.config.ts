export default {
  displayName: 'api-realtime',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/realtime',
};
