import { StaffRole } from '@derm/shared/contracts';

/** One connected socket of a staff member, owned by the API node that holds the socket. */
export interface PresenceConnection {
  tenantId: string;
  userId: string;
  name: string;
  role: StaffRole;
  socketId: string;
  connectedAt: Date;
}

/** One socket showing one patient's chart. */
export interface PresenceViewing {
  tenantId: string;
  patientId: string;
  userId: string;
  name: string;
  socketId: string;
  startedAt: Date;
}

/** A staff member the tenant has been told is online. */
export interface OnlineUser {
  tenantId: string;
  userId: string;
  name: string;
  role: StaffRole;
  since: Date;
}

/** What an account is called and may do now, as its online entry shows it. */
export type OnlineAccount = Pick<OnlineUser, 'name' | 'role'>;

export interface WentOffline {
  tenantId: string;
  userId: string;
  lastSeenAt: Date;
}

export interface ConnectionAdded {
  /** True when the tenant had not been told this user is online: announce it. */
  cameOnline: boolean;
}

export interface ConnectionRemoved {
  /** The user's sockets left on every node; 0 starts the grace period. */
  remainingSockets: number;
  /** When the user was last seen, if this was their last socket. */
  lastSeenAt?: Date;
  /** The socket's viewings, removed with it. */
  endedViewings: PresenceViewing[];
  /**
   * The user, when this socket's failed {@link PresenceStore.addConnection} had put them online
   * (its answer lost) and no renewal reported them since: nobody was told. Announce them.
   */
  unannounced?: OnlineUser;
}

export interface ViewingChange {
  /** The viewing added or removed; `null` when there was nothing to do. */
  viewing: PresenceViewing | null;
  /** Every viewing of the patient after the change. */
  viewings: PresenceViewing[];
}

export interface Renewal {
  /**
   * Users online by this renewal whom the clinic has not been told are: those other nodes swept
   * (announced offline) while this node could not renew (Redis was away from it), and those whose
   * socket's {@link PresenceStore.addConnection} failed, whom this renewal recorded online or
   * whom the failed add had (its answer lost; even if the socket was recovered on another node
   * since). Announce them; each is reported once.
   */
  backOnline: OnlineUser[];
  /** Viewings put back (swept, or lost with Redis's data) while their sockets stayed in the patient rooms. */
  restoredViewings: PresenceViewing[];
}

export interface SweepResult {
  /** Users with no socket left whose grace is over: announce them offline. */
  offline: WentOffline[];
  /** Viewings of sockets whose node stopped renewing them. */
  endedViewings: PresenceViewing[];
}

/**
 * Who is connected and who views which chart, shared by every API node of a deployment.
 *
 * Entries are per socket and owned by the node holding the socket. A node renews its entries
 * periodically; entries of a node that stops renewing (it crashed) expire after the store's TTL
 * and are reported once by {@link sweep}, so their users go offline and their viewings end.
 * The user-level "announced online" state outlives a socket by the grace period, so a reload
 * (last socket out, new socket in within the grace) is neither announced offline nor online.
 *
 * Every method is atomic with respect to the others, across nodes; each expired or settled
 * entry is reported to exactly one caller.
 */
export interface PresenceStore {
  /**
   * If it fails, the node still holds the socket, so its renewals record it, and the one that
   * does reports its user in {@link Renewal.backOnline} if they are online by it, or by the failed
   * add; the socket's removal reports the latter instead ({@link ConnectionRemoved.unannounced})
   * if it comes first. Only the add that put the user online is reported: a failed add of a
   * socket recovered under its id is not, when an earlier add announced them. Reported once: of
   * that renewal, that removal and a new add of the socket under way at once, only one does.
   */
  addConnection(nodeId: string, connection: PresenceConnection): Promise<ConnectionAdded>;

  /**
   * Removes a socket and its viewings; `null` if it was not (or no longer) recorded. A recovered
   * connection keeps its socket id and may be added, on this node or another, before the dropped
   * one is removed: then only the dropped one's viewings end, and the socket stays recorded.
   */
  removeConnection(tenantId: string, socketId: string, at: Date): Promise<ConnectionRemoved | null>;

  /**
   * Forgets a user who has had no socket since `idleSince` or earlier (the grace period is over):
   * returns what to announce, or `null` if they reconnected or were already settled.
   */
  settleOffline(tenantId: string, userId: string, idleSince: Date): Promise<WentOffline | null>;

  listOnline(tenantId: string): Promise<OnlineUser[]>;

  /** An admin changed the account: the user's online entry, if there is one, shows it as it is now. */
  updateAccount(tenantId: string, userId: string, account: OnlineAccount): Promise<void>;

  /** Adds a viewing (idempotent per socket and patient); `viewing: null` if the socket is gone. */
  startViewing(viewing: PresenceViewing): Promise<ViewingChange>;

  stopViewing(tenantId: string, socketId: string, patientId: string): Promise<ViewingChange>;

  viewingsOf(tenantId: string, patientId: string): Promise<PresenceViewing[]>;

  /** Extends the life of every entry the node owns by the TTL, putting back those the store lost. */
  renew(nodeId: string): Promise<Renewal>;

  /**
   * Removes entries whose TTL ran out and settles users idle for longer than `graceMs`
   * (also those whose node died during their grace period).
   */
  sweep(graceMs: number): Promise<SweepResult>;
}

/** Injection token of the {@link PresenceStore} the deployment uses. */
export const PRESENCE_STORE = Symbol('PRESENCE_STORE');
