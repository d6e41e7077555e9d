import { Routes } from '@angular/router';
import { adminGuard } from '@derm/portal/core';
import { StaffPage } from './staff-page.component';

export const staffRoutes: Routes = [{ path: '', title: 'Staff', canActivate: [adminGuard], component: StaffPage }];
