export default {
  displayName: 'api-patients',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/patients',
};
