import type { PresenceDelivery } from '@derm/shared/contracts';

/**
 * Room keys. Each one embeds the tenant id, so no key of one clinic can ever name a room of
 * another; gateways build them only through these functions.
 */
export const rooms = {
  tenant: (tenantId: string) => `tenant:${tenantId}`,
  user: (tenantId: string, userId: string) => `tenant:${tenantId}:user:${userId}`,
  thread: (tenantId: string, threadId: string) => `tenant:${tenantId}:thread:${threadId}`,
  patient: (tenantId: string, patientId: string) => `tenant:${tenantId}:patient:${patientId}`,
  /** The clinic's admins' sockets, for what only they may watch (the operations page). */
  admins: (tenantId: string) => `tenant:${tenantId}:admins`,
  /** The clinic's sockets that hear presence one way: each socket is in exactly one of the two. */
  presence: (tenantId: string, delivery: PresenceDelivery) => `tenant:${tenantId}:presence:${delivery}`,
};

/** Who a broadcast goes to: always within exactly one tenant. */
export interface Audience {
  readonly tenantId: string;
  readonly rooms: readonly string[];
  /** Set for one socket of this node: sent to directly, never offered to the other nodes. */
  readonly socketId?: string;
  /** Rooms or socket ids whose sockets are skipped, on every node. */
  readonly except?: readonly string[];
}

export const audience = {
  tenant: (tenantId: string): Audience => ({ tenantId, rooms: [rooms.tenant(tenantId)] }),
  users: (tenantId: string, userIds: readonly string[]): Audience => ({
    tenantId,
    rooms: [...new Set(userIds)].map((userId) => rooms.user(tenantId, userId)),
  }),
  thread: (tenantId: string, threadId: string): Audience => ({
    tenantId,
    rooms: [rooms.thread(tenantId, threadId)],
  }),
  patient: (tenantId: string, patientId: string): Audience => ({
    tenantId,
    rooms: [rooms.patient(tenantId, patientId)],
  }),
  admins: (tenantId: string): Audience => ({ tenantId, rooms: [rooms.admins(tenantId)] }),
  /** One socket of this node, such as a connection being greeted; its tenant is the socket's own. */
  socket: ({ id, data }: { id: string; data: { tenantId: string } }): Audience => ({
    tenantId: data.tenantId,
    rooms: [id],
    socketId: id,
  }),
  /** The clinic's sockets that hear presence one way, less `exceptSocketIds`. */
  presence: (tenantId: string, delivery: PresenceDelivery, exceptSocketIds: readonly string[] = []): Audience => ({
    tenantId,
    rooms: [rooms.presence(tenantId, delivery)],
    ...(exceptSocketIds.length ? { except: exceptSocketIds } : {}),
  }),
  /**
   * Sockets of this clinic by id, on whichever node holds them. Unlike {@link audience.socket}, the
   * packet goes through the adapter, so a connection that recovers its session is replayed it.
   */
  sockets: (tenantId: string, socketIds: readonly string[]): Audience => ({
    tenantId,
    rooms: socketIds,
  }),
};
