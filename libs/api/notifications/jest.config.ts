export default {
  displayName: 'api-notifications',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/notifications',
};
