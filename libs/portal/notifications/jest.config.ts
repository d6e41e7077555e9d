export default {
  displayName: 'portal-notifications',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/notifications',
};
