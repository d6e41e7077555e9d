import { Route } from '@angular/router';
import { authGuard, guestGuard } from '@derm/portal/core';
import { messagingRoutes, patientConversationsSection } from '@derm/portal/messaging';
import { alertsRoutes, notificationsRoutes } from '@derm/portal/notifications';
import { ShellComponent } from './shell/shell.component';

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [guestGuard],
    loadComponent: () => import('@derm/portal/auth').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      {
        path: 'schedule',
        loadChildren: () => import('@derm/portal/appointments').then((m) => m.appointmentsRoutes),
      },
      { path: 'messages', children: messagingRoutes },
      {
        path: 'patients',
        loadChildren: () =>
          import('@derm/portal/patients').then((m) =>
            m.patientsRoutes([
              {
                path: '',
                loadComponent: () => import('@derm/portal/appointments').then((a) => a.PatientVisitsComponent),
              },
              patientConversationsSection,
            ]),
          ),
      },
      { path: 'audit', loadChildren: () => import('@derm/portal/patients').then((m) => m.auditRoutes) },
      { path: 'operations', loadChildren: () => import('@derm/portal/operations').then((m) => m.operationsRoutes) },
      { path: 'staff', loadChildren: () => import('@derm/portal/auth').then((m) => m.staffRoutes) },
      { path: 'notifications', children: notificationsRoutes },
      { path: 'alerts', children: alertsRoutes },
      { path: '', pathMatch: 'full', redirectTo: 'schedule' },
    ],
  },
  { path: '**', redirectTo: '' },
];
