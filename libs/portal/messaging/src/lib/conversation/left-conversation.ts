/** The navigation state a conversation hands the list when the person left it: its subject. */
export interface LeftConversation {
  leftConversation: string;
}

/** The subject of the conversation just left, from a navigation's state; `null` for any other. */
export function leftConversationIn(state: unknown): string | null {
  const subject = (state as Partial<LeftConversation> | null)?.leftConversation;
  return typeof subject === 'string' ? subject : null;
}

/** The same state without the subject, so that a reload or a return to the list says nothing. */
export function withoutLeftConversation(state: unknown): unknown {
  if (state === null || typeof state !== 'object') return state;
  const rest: Partial<LeftConversation> = { ...state };
  delete rest.leftConversation;
  return rest;
}
