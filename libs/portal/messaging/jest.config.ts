export default {
  displayName: 'portal-messaging',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/messaging',
};
