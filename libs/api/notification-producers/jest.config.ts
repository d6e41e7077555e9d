export default {
  displayName: 'api-notification-producers',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/notification-producers',
};
