import { inject, Injectable, InjectionToken } from '@angular/core';
import { filter, fromEvent, map, Observable } from 'rxjs';

/** What the portal uses of a `BroadcastChannel`: every tab of this browser opens the same one. */
export type SessionChannel = EventTarget & { postMessage(message: unknown): void };

export const SESSION_CHANNEL = new InjectionToken<SessionChannel>('SESSION_CHANNEL', {
  providedIn: 'root',
  factory: () => new BroadcastChannel('derm.session'),
});

/** Whose sign-out a tab announced: a person is their id in their clinic. */
export interface SignedOutPerson {
  userId: string;
  tenantId: string;
}

interface SignedOutMessage extends SignedOutPerson {
  kind: 'signed-out';
}

/**
 * Tells this browser's other tabs that a person signed out by hand, and hears them tell it. Only
 * this browser hears it (a channel is per origin and browser profile); what a tab does about it
 * is the session's to decide.
 */
@Injectable({ providedIn: 'root' })
export class SignOutBroadcast {
  private readonly channel = inject(SESSION_CHANNEL);

  /** Sign-outs announced by this browser's other tabs; anything malformed is dropped. */
  readonly heard$: Observable<SignedOutPerson> = fromEvent<MessageEvent>(this.channel, 'message').pipe(
    map((event) => signedOutPerson(event.data)),
    filter((person): person is SignedOutPerson => person !== null),
  );

  announce({ userId, tenantId }: SignedOutPerson): void {
    const message: SignedOutMessage = { kind: 'signed-out', userId, tenantId };
    this.channel.postMessage(message);
  }
}

function signedOutPerson(data: unknown): SignedOutPerson | null {
  if (typeof data !== 'object' || data === null) return null;
  const { kind, userId, tenantId } = data as Partial<Record<keyof SignedOutMessage, unknown>>;
  if (kind !== 'signed-out' || typeof userId !== 'string' || typeof tenantId !== 'string') return null;
  return userId && tenantId ? { userId, tenantId } : null;
}
