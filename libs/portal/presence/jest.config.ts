export default {
  displayName: 'portal-presence',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/presence',
};
