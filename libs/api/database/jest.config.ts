export default {
  displayName: 'api-database',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/database',
};
