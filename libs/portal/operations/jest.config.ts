export default {
  displayName: 'portal-operations',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/operations',
};
