export default {
  displayName: 'api-operations',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/operations',
};
