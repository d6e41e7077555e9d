import { createCjsPreset } from 'jest-preset-angular/presets';

export default {
  displayName: 'portal-notifications',
  preset: '../../../jest.preset.js',
  // Angular TestBed in jsdom, zoneless as the portal runs.
  ...createCjsPreset(),
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/portal/notifications',
};
