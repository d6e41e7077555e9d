export default {
  displayName: 'api-messaging',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/messaging',
};
