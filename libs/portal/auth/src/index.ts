export * from './lib/login/login-page.component';
export * from './lib/staff/staff.routes';
