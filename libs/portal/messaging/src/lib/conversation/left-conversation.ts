/** The navigation state a conversation hands the list when the person left it: its subject. */
export interface LeftConversation {
  leftConversation: string;
}

/** The subject of the conversation just left, from a navigation's state; `null` for any other. */
export function leftConversationIn(state: unknown): string | null {
  const subject = (state as Partial<LeftConversation> | null)?.leftConversation;
  return typeof subject === 'string' ? subject : null;
}
