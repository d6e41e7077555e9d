export * from './lib/login/login-page.component';
