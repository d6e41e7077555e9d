import { NotificationList, NotificationReadSync, NotificationView } from '@derm/shared/contracts';

/** A page of the inbox, and the cursor of the page after it (null: there is none). */
export interface InboxPage extends NotificationList {
  nextCursor: string | null;
}

/** What the bell, the panel and the urgent-alert modal show. */
export interface InboxState {
  /** Unread first, newest first, as the API lists them. */
  items: NotificationView[];
  unreadCount: number;
  /** Urgent alerts not yet acknowledged, oldest first: the modal shows the first. */
  awaitingAck: NotificationView[];
  /** Where the next page starts (from the last page read); null: every page is shown. */
  nextCursor: string | null;
}

export type InboxChange = (state: InboxState) => InboxState;

export const EMPTY_INBOX: InboxState = { items: [], unreadCount: 0, awaitingAck: [], nextCursor: null };

const needsAck = (n: NotificationView) => n.requiresAck && !n.acknowledgedAt;

/** Unread first, newest first, as the API lists them. */
const inboxOrder = (a: NotificationView, b: NotificationView) =>
  Number(!!a.readAt) - Number(!!b.readAt) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export function sortInbox(items: readonly NotificationView[]): NotificationView[] {
  return [...items].sort(inboxOrder);
}

function upsertAll(list: readonly NotificationView[], incoming: readonly NotificationView[]): NotificationView[] {
  const ids = new Set(incoming.map((n) => n.id));
  return [...list.filter((n) => !ids.has(n.id)), ...incoming];
}

/** A `notification:new`, first delivery or a redelivery of the same notification. */
export const received =
  (notification: NotificationView): InboxChange =>
  (state) => {
    const known = state.items.find((n) => n.id === notification.id);
    const merged = known ? { ...notification, ...known } : notification;
    const awaiting =
      state.awaitingAck.some((n) => n.id === merged.id) || !needsAck(merged)
        ? state.awaitingAck
        : [...state.awaitingAck, merged];
    return { ...state, items: sortInbox(upsertAll(state.items, [merged])), awaitingAck: awaiting };
  };

/**
 * `notification:read`: read here or on another tab (for an urgent alert: acknowledged), named, or
 * by mark all read up to an instant (which leaves urgent alerts alone).
 */
export const readSynced =
  ({ ids, allUpTo }: NotificationReadSync, at: string): InboxChange =>
  (state) => {
    const named = new Set(ids);
    const read = (n: NotificationView) =>
      named.has(n.id) || (allUpTo !== undefined && !n.requiresAck && Date.parse(n.createdAt) <= Date.parse(allUpTo));
    return {
      ...state,
      items: sortInbox(state.items.map((n) => (read(n) && !n.readAt ? { ...n, readAt: at } : n))),
      awaitingAck: state.awaitingAck.filter((n) => !named.has(n.id)),
    };
  };

export const acknowledged =
  (id: string, at: string): InboxChange =>
  (state) => {
    const next = readSynced({ ids: [id] }, at)(state);
    return {
      ...next,
      items: next.items.map((n) => (n.id === id ? { ...n, acknowledgedAt: n.acknowledgedAt ?? at } : n)),
    };
  };

export const counted =
  (unreadCount: number): InboxChange =>
  (state) => ({ ...state, unreadCount });

/**
 * A fresh first page replaces the list. An alert queued here but not on it is kept only if it
 * could still be unread beyond the page, i.e. after its last item; otherwise it was acknowledged
 * while this tab heard nothing (disconnected), and must not stay on screen.
 */
export const loaded =
  ({ items, unreadCount, nextCursor }: InboxPage): InboxChange =>
  (state) => {
    const onPage = new Set(items.map((n) => n.id));
    const last = items.at(-1);
    const mayBeBeyond = (n: NotificationView) => nextCursor !== null && (last === undefined || inboxOrder(n, last) > 0);
    const beyondPage = state.awaitingAck.filter((n) => !onPage.has(n.id) && mayBeBeyond(n));
    const awaitingAck = [...beyondPage, ...items.filter(needsAck)].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    return { items: sortInbox(items), unreadCount, awaitingAck, nextCursor };
  };

/**
 * Older items from a further page, appended. One read since it was listed can come again among
 * the read ones: each notification is kept once.
 */
export const appended =
  ({ items, nextCursor }: InboxPage): InboxChange =>
  (state) => ({ ...state, items: sortInbox(upsertAll(state.items, items)), nextCursor });
