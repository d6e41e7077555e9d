import { Injectable } from '@nestjs/common';
import { AppConfig } from '@derm/api/config';
import { Semaphore } from '../concurrency/semaphore';
import { TooManyRequestsException } from './too-many-requests.exception';

/** Past this many of one person's requests waiting on a node, the next is refused at once. */
const MOST_WAITING_PER_PERSON = 32;

/**
 * Each person's REST requests on this node, at most REST_IN_FLIGHT_PER_PERSON served at once; the
 * others wait in arrival order for one of theirs to be answered, up to MOST_WAITING_PER_PERSON, so
 * that requests sent without waiting for answers cannot pile up in memory. A person with nothing
 * in flight holds no state. Sign-ins take turns the same way by client address, one at a time, so
 * that each is checked against the address's failures so far and one address's storm holds at
 * most one password hash.
 */
@Injectable()
export class RestTurns {
  private readonly perPerson: number;
  private readonly people = new Map<string, Semaphore>();

  constructor(config: AppConfig) {
    this.perPerson = config.restInFlightPerPerson;
  }

  /** Resolves when it is this request's turn, with what ends the turn; 429 when too many wait already. */
  take(person: string): Promise<() => void> {
    return this.takeTurn(person, this.perPerson);
  }

  /** The same for a sign-in from a client address: one of the address's sign-ins at a time. */
  takeSignIn(address: string): Promise<() => void> {
    return this.takeTurn(`sign-in from ${address}`, 1);
  }

  private async takeTurn(person: string, inFlight: number): Promise<() => void> {
    let turns = this.people.get(person);
    if (!turns) {
      turns = new Semaphore(inFlight);
      this.people.set(person, turns);
    }
    if (turns.queued >= MOST_WAITING_PER_PERSON) {
      throw new TooManyRequestsException('Too many requests at once; wait for the answers before asking again', 1000);
    }
    const release = await turns.acquire();
    return () => {
      release();
      // Only these turns, if they are still the person's: a turn ended twice must not forget newer ones.
      if (turns.idle && this.people.get(person) === turns) this.people.delete(person);
    };
  }

  /** Requests waiting for their turn, everyone's together: what `/metrics` shows. */
  get waiting(): number {
    let waiting = 0;
    for (const turns of this.people.values()) waiting += turns.queued;
    return waiting;
  }
}
