import { Injectable } from '@nestjs/common';
import { gatheredReads } from '@derm/api/database';
import { InboxCounts, NotificationInbox } from './notification-inbox.service';

interface Person {
  tenantId: string;
  userId: string;
}

/** Bounds the statement's list of people. */
const MAX_PEOPLE_PER_QUERY = 500;
/** Someone with no notice at all. */
const NO_NOTICES: InboxCounts = { unread: 0, awaitingAck: 0 };

/**
 * The counts each new connection is greeted with, asked for the connections of a short window
 * together: one query per clinic rather than one per connection. After a deploy every tab
 * reconnects at once, and the database sees a few hundred queries instead of thousands.
 */
@Injectable()
export class ConnectionGreetings {
  private readonly counts = gatheredReads<Person, InboxCounts>((people) => this.read(people), MAX_PEOPLE_PER_QUERY);

  constructor(private readonly inbox: NotificationInbox) {}

  countsFor(tenantId: string, userId: string): Promise<InboxCounts> {
    return this.counts({ tenantId, userId });
  }

  private async read(people: readonly Person[]): Promise<InboxCounts[]> {
    const peopleByClinic = new Map<string, string[]>();
    for (const { tenantId, userId } of people) {
      const clinic = peopleByClinic.get(tenantId);
      if (clinic) clinic.push(userId);
      else peopleByClinic.set(tenantId, [userId]);
    }
    const countsByClinic = new Map(
      await Promise.all(
        [...peopleByClinic].map(
          async ([tenantId, userIds]) => [tenantId, await this.inbox.greetings(tenantId, userIds)] as const,
        ),
      ),
    );
    return people.map(({ tenantId, userId }) => countsByClinic.get(tenantId)?.get(userId) ?? NO_NOTICES);
  }
}
