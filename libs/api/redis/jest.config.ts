export default {
  displayName: 'api-redis',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/redis',
};
