import {
  AppointmentCancelledData,
  AppointmentCheckedInData,
  AppointmentCompletedData,
  AppointmentCreatedData,
  AppointmentNoShowData,
  AppointmentUpdatedData,
} from './appointments';
import { EventEnvelope } from './envelope';
import { AckCallback } from './errors';
import {
  MarkMessageReadCommand,
  MarkMessageReadResult,
  MessageNewData,
  MessageReadData,
  ThreadCreatedData,
  ThreadParticipantLeftData,
  ThreadParticipantsAddedData,
  ThreadRef,
  TypingSignal,
  UnreadMessagesCount,
} from './messaging';
import {
  AcknowledgeNotificationCommand,
  AlertEscalatedData,
  AlertSentData,
  AlertStatusData,
  MarkNotificationsReadCommand,
  MarkNotificationsReadResult,
  NotificationNewData,
  NotificationReadSync,
  NotificationUnreadCount,
} from './notifications';
import { EventsInMinute, OperationsRefusal } from './operations';
import {
  PatientRef,
  PatientViewers,
  PatientViewsResult,
  PresenceChanged,
  PresenceListResult,
  PresenceOffline,
  PresenceOnline,
} from './presence';
import { SessionExpired, SessionReady, SessionRefreshCommand, SessionRefreshResult } from './session';
import { StaffChangedData, StaffRole } from './roles';

/** Domain events: persisted changes, delivered in the {@link EventEnvelope}. */
export interface DomainEventDataMap {
  'appointment:created': AppointmentCreatedData;
  'appointment:updated': AppointmentUpdatedData;
  'appointment:cancelled': AppointmentCancelledData;
  'appointment:checked-in': AppointmentCheckedInData;
  'appointment:completed': AppointmentCompletedData;
  'appointment:no-show': AppointmentNoShowData;
  'message:new': MessageNewData;
  'message:read': MessageReadData;
  'thread:created': ThreadCreatedData;
  'thread:participants-added': ThreadParticipantsAddedData;
  'thread:participant-left': ThreadParticipantLeftData;
  'notification:new': NotificationNewData;
  'alert:sent': AlertSentData;
  'alert:status': AlertStatusData;
  'alert:escalated': AlertEscalatedData;
  'staff:changed': StaffChangedData;
}
export type DomainEventName = keyof DomainEventDataMap;
export type DomainEvent<K extends DomainEventName = DomainEventName> = EventEnvelope<K, DomainEventDataMap[K]>;

/** Ephemeral signals: sent as the plain object, no envelope. */
export interface SignalPayloadMap {
  'session:ready': SessionReady;
  'session:expired': SessionExpired;
  typing: TypingSignal;
  'message:unread-count': UnreadMessagesCount;
  'notification:unread-count': NotificationUnreadCount;
  'notification:read': NotificationReadSync;
  'presence:online': PresenceOnline;
  'presence:offline': PresenceOffline;
  /** Instead of the two above, to sockets that chose `auth.presence: 'batched'`. */
  'presence:changed': PresenceChanged;
  'patient:viewers': PatientViewers;
  /** To the clinic's admins: the minute's count so far, over the cluster; counts only grow. */
  'operations:activity': EventsInMinute;
  /** To the clinic's admins: a handshake of their clinic was refused. */
  'operations:refusal': OperationsRefusal;
}
export type SignalName = keyof SignalPayloadMap;

/** Everything the server sends, by event name: what a client receives. */
export type ServerEventPayloadMap = { [K in DomainEventName]: DomainEvent<K> } & SignalPayloadMap;
export type ServerEventName = keyof ServerEventPayloadMap;

/** Client → server commands: the payload and what a successful ack adds to `{ ok: true }`. */
export interface ClientCommandMap {
  'thread:join': { payload: ThreadRef; result: object };
  'thread:leave': { payload: ThreadRef; result: object };
  'typing:start': { payload: ThreadRef; result: object };
  'typing:stop': { payload: ThreadRef; result: object };
  'message:mark-read': { payload: MarkMessageReadCommand; result: MarkMessageReadResult };
  'notification:mark-read': {
    payload: MarkNotificationsReadCommand;
    result: MarkNotificationsReadResult;
  };
  'notification:ack': { payload: AcknowledgeNotificationCommand; result: object };
  'patient:view-start': { payload: PatientRef; result: PatientViewsResult };
  'patient:view-stop': { payload: PatientRef; result: PatientViewsResult };
  'presence:list': { payload: Record<string, never>; result: PresenceListResult };
  'session:refresh': { payload: SessionRefreshCommand; result: SessionRefreshResult };
}
export type ClientCommandName = keyof ClientCommandMap;
export type CommandPayload<K extends ClientCommandName> = ClientCommandMap[K]['payload'];
export type CommandResult<K extends ClientCommandName> = ClientCommandMap[K]['result'];

/** Socket.IO typings, shared by `Server<…>` on the API and `Socket<…>` in clients. */
export type ServerToClientEvents = {
  [K in ServerEventName]: (payload: ServerEventPayloadMap[K]) => void;
};
export type ClientToServerEvents = {
  [K in ClientCommandName]: (payload: CommandPayload<K>, ack: AckCallback<CommandResult<K>>) => void;
};

/** Per-socket data the server keeps after the handshake (`socket.data`). */
export interface SocketSessionData {
  userId: string;
  tenantId: string;
  role: StaffRole;
  name: string;
  /** The sign-in this socket belongs to (the token's `sid`): what recovery and revocation bind to. */
  sessionId: string;
  /** When that session signed in, seconds since the epoch. */
  authTime: number;
  /** Seconds since the epoch, from the token's `exp`. */
  tokenExpiresAt: number;
}

/**
 * Every server event and how it travels: `domain` in the envelope, `signal` as the plain object.
 * Checked against the maps by the compiler, so a new event must be listed here; the AsyncAPI
 * document is generated from it and the maps' types.
 */
export const SERVER_EVENTS = {
  'appointment:created': 'domain',
  'appointment:updated': 'domain',
  'appointment:cancelled': 'domain',
  'appointment:checked-in': 'domain',
  'appointment:completed': 'domain',
  'appointment:no-show': 'domain',
  'message:new': 'domain',
  'message:read': 'domain',
  'thread:created': 'domain',
  'thread:participants-added': 'domain',
  'thread:participant-left': 'domain',
  'notification:new': 'domain',
  'alert:sent': 'domain',
  'alert:status': 'domain',
  'alert:escalated': 'domain',
  'staff:changed': 'domain',
  'session:ready': 'signal',
  'session:expired': 'signal',
  typing: 'signal',
  'message:unread-count': 'signal',
  'notification:unread-count': 'signal',
  'notification:read': 'signal',
  'presence:online': 'signal',
  'presence:offline': 'signal',
  'presence:changed': 'signal',
  'patient:viewers': 'signal',
  'operations:activity': 'signal',
  'operations:refusal': 'signal',
} as const satisfies { [K in DomainEventName]: 'domain' } & { [K in SignalName]: 'signal' };

export const SERVER_EVENT_NAMES = Object.keys(SERVER_EVENTS) as ServerEventName[];

/** Checked against the map by the compiler: a new client command must be listed here. */
const CLIENT_COMMANDS = {
  'thread:join': true,
  'thread:leave': true,
  'typing:start': true,
  'typing:stop': true,
  'message:mark-read': true,
  'notification:mark-read': true,
  'notification:ack': true,
  'patient:view-start': true,
  'patient:view-stop': true,
  'presence:list': true,
  'session:refresh': true,
} satisfies Record<ClientCommandName, true>;

export const CLIENT_COMMAND_NAMES = Object.keys(CLIENT_COMMANDS) as ClientCommandName[];

export function isClientCommandName(name: string): name is ClientCommandName {
  return Object.prototype.hasOwnProperty.call(CLIENT_COMMANDS, name);
}
