import { Route, Routes } from '@angular/router';

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

/**
 * The patient chart's "Conversations about this patient", for `patientsRoutes([...])`: split off
 * here too (the app may not load this library lazily), given the patient's id as its `id` input.
 */
export const patientConversationsSection: Route = {
  path: '',
  loadComponent: () =>
    import('./patient-conversations/patient-conversations.component').then((m) => m.PatientConversationsComponent),
};
