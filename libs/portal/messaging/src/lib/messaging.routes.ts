import { Routes } from '@angular/router';
import { ConversationComponent } from './conversation/conversation.component';
import { MessagesPage } from './messages/messages-page.component';
import { NoConversationComponent } from './messages/no-conversation.component';

export const messagingRoutes: Routes = [
  {
    path: '',
    title: 'Messages',
    component: MessagesPage,
    children: [
      { path: '', component: NoConversationComponent },
      { path: ':threadId', component: ConversationComponent },
    ],
  },
];
