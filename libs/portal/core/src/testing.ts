export * from './testing/lost-answers';
