import { Routes } from '@angular/router';
import { SchedulePage } from './schedule/schedule-page.component';

export const appointmentsRoutes: Routes = [{ path: '', title: 'Schedule', component: SchedulePage }];
