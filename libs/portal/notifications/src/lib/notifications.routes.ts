import { Routes } from '@angular/router';

// The bell, toasts and modal load with the shell; the pages only when opened.
export const notificationsRoutes: Routes = [
  {
    path: '',
    title: 'Notifications',
    loadComponent: () => import('./page/notifications-page.component').then((m) => m.NotificationsPage),
  },
];

export const alertsRoutes: Routes = [
  {
    path: '',
    title: 'Urgent alerts',
    loadComponent: () => import('./alerts/alerts-page.component').then((m) => m.AlertsPage),
  },
  {
    path: ':id',
    title: 'Alert',
    loadComponent: () => import('./alerts/alert-status-page.component').then((m) => m.AlertStatusPage),
  },
];
