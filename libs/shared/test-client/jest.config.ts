export default {
  displayName: 'shared-test-client',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/test-client',
};
