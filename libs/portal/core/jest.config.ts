export default {
  displayName: 'portal-core',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/core',
};
