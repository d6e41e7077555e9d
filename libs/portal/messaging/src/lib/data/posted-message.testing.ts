import { ChatMessage } from '@derm/shared/contracts';

/** What the server answers for Nora's post of "Call the lab" in the specs of what posts messages. */
export const POSTED_MESSAGE: ChatMessage = {
  id: 'm1',
  kind: 'message',
  senderId: 'nora',
  senderName: 'Nora',
  body: 'Call the lab',
  sentAt: '2026-12-01T14:00:00.000Z',
};
