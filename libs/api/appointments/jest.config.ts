export default {
  displayName: 'api-appointments',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/appointments',
};
