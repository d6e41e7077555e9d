import { DomainEvent } from '@derm/shared/contracts';

/** Matches the notice an urgent alert titled `title` escalates with, to the clinic's admins. */
export const escalationOf = (title: string) => (e: DomainEvent<'notification:new'>) =>
  e.data.notification.title === `Not acknowledged: ${title}`;
