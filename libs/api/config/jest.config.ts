export default {
  displayName: 'api-config',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/config',
};
