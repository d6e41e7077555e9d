import { CreateThreadRequest, ThreadSummary } from '@derm/shared/contracts';
import { StaffSession } from '@derm/shared/test-client';

/** What a refused REST request answers: a 400 names what was wrong field by field. */
export interface ErrorBody {
  statusCode: number;
  message: string;
  fields?: Record<string, string[]>;
}

/** Starts a conversation of `from` with `others` over REST, as the portal does. */
export async function startThread(
  from: StaffSession,
  others: readonly StaffSession[],
  about: Omit<CreateThreadRequest, 'participantIds'> = {},
): Promise<ThreadSummary> {
  const response = await from.rest.post<ThreadSummary>('/api/threads', {
    participantIds: others.map((other) => other.userId),
    ...about,
  });
  expect(response.status).toBe(201);
  return response.body;
}
