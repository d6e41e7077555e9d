export default {
  displayName: 'portal-patients',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/patients',
};
