import { Routes } from '@angular/router';
import { adminGuard } from '@derm/portal/core';
import { OperationsPage } from './page/operations-page.component';

export const operationsRoutes: Routes = [
  { path: '', title: 'Operations', canActivate: [adminGuard], component: OperationsPage },
];
