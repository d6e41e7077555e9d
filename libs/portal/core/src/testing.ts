export * from './testing/lost-answers';
export * from './testing/portal-testing';
