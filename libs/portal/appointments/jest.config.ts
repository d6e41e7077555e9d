export default {
  displayName: 'portal-appointments',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/portal/appointments',
};
