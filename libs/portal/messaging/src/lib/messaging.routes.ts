import { Routes } from '@angular/router';

/**
 * Mounted with `children` rather than `loadChildren`: the shell imports the unread counts from
 * this library, so its pages are split off here instead.
 */
export const messagingRoutes: Routes = [
  {
    path: '',
    title: 'Messages',
    loadComponent: () => import('./messages/messages-page.component').then((m) => m.MessagesPage),
    children: [
      {
        path: '',
        loadComponent: () => import('./messages/no-conversation.component').then((m) => m.NoConversationComponent),
      },
      {
        path: ':threadId',
        loadComponent: () => import('./conversation/conversation.component').then((m) => m.ConversationComponent),
      },
    ],
  },
];
