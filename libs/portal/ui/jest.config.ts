import { createCjsPreset } from 'jest-preset-angular/presets';

export default {
  displayName: 'portal-ui',
  preset: '../../../jest.preset.js',
  // Angular TestBed in jsdom, zoneless as the portal runs.
  ...createCjsPreset(),
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/portal/ui',
};
