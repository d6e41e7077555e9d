export default {
  displayName: 'tools-nx-plugin',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/tools/nx-plugin',
};
