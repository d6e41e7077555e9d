export * from './lib/testing/gathering-window.spec-helper';
