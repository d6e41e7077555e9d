import { ConnectionState, ConnectionStatus } from '@derm/portal/util';

export const CONNECTION_SHORT_LABELS: Record<ConnectionState, string> = {
  idle: 'Offline',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'No network',
  disconnected: 'Offline',
  unauthorized: 'Signed out',
};

export const CONNECTION_DESCRIPTIONS: Record<ConnectionState, string> = {
  idle: 'Not connected yet.',
  connecting: 'Connecting to live updates…',
  connected: 'Live updates are on. Changes by colleagues appear as they happen.',
  reconnecting: 'Connection lost. Retrying; the page re-syncs once it is back.',
  offline:
    'This device has no network. Acknowledgements and read marks are sent, and the page re-syncs, once it is back.',
  disconnected: 'Live updates are off. Data on screen may be out of date.',
  unauthorized: 'The server refused the session. Please sign in again.',
};

const REFUSAL_DESCRIPTIONS: Record<NonNullable<ConnectionStatus['refused']>, string> = {
  'too-many-connections':
    'Live updates are off: too many tabs or devices are connected with your account. Close one and this tab reconnects by itself.',
  'too-many-attempts':
    'Live updates are paused: your account connected too many times in a short while. This tab reconnects by itself shortly.',
  'invalid-handshake': 'Live updates are off: this page is older than the server. Reload the page.',
};

/** What the person should know about the connection: why it was refused, if it was, else its state. */
export function describeConnection(state: ConnectionState, refused?: ConnectionStatus['refused']): string {
  return refused ? REFUSAL_DESCRIPTIONS[refused] : CONNECTION_DESCRIPTIONS[state];
}
