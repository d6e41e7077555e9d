import { randomUUID } from 'node:crypto';
import { AlertSummary, AppointmentSummary, ChatMessage, PatientSummary } from '@derm/shared/contracts';
import { RealtimeTestClient, RestClient, StaffSession } from '@derm/shared/test-client';
import { startThread } from './conversations';

/** What a colleague did the moment a revocation was answered, each as the clinic should hear it. */
interface Activity {
  /** Who started typing in the conversation, from a socket on the revoked sockets' node. */
  typistId: string;
  messageIds: string[];
  alertTitles: string[];
  appointmentIds: string[];
}

/** What of `activity` `socket` received, one line each. */
function heardOf(socket: RealtimeTestClient, activity: Activity): string[] {
  const heard = [
    ...socket.received('message:new').filter((e) => activity.messageIds.includes(e.data.message.id)),
    ...socket.received('notification:new').filter((e) => activity.alertTitles.includes(e.data.notification.title)),
    ...socket.received('alert:sent').filter((e) => activity.alertTitles.includes(e.data.alert.title)),
    ...socket.received('appointment:created').filter((e) => activity.appointmentIds.includes(e.data.appointment.id)),
  ];
  const typing = socket.received('typing').filter((e) => e.userId === activity.typistId && e.isTyping);
  return [...heard.map((event) => `${event.type} ${event.id}`), ...typing.map((e) => `typing ${e.threadId}`)];
}

/**
 * Resolves once `socket` has received every part of `activity` meant for it: the colleague who
 * acted hears of their alert as its sender and not their own typing; the others hear both.
 */
async function hearsAll(socket: RealtimeTestClient, activity: Activity, { asSender = false } = {}): Promise<void> {
  await Promise.all([
    ...(asSender ? [] : [socket.waitFor('typing', (e) => e.userId === activity.typistId && e.isTyping)]),
    ...activity.messageIds.map((id) => socket.waitFor('message:new', (e) => e.data.message.id === id)),
    ...activity.alertTitles.map((title) =>
      asSender
        ? socket.waitFor('alert:sent', (e) => e.data.alert.title === title)
        : socket.waitFor('notification:new', (e) => e.data.notification.title === title),
    ),
    ...activity.appointmentIds.map((id) => socket.waitFor('appointment:created', (e) => e.data.appointment.id === id)),
  ]);
}

let slot = 0;

/**
 * The moment a sign-out or a deactivation is answered, a revoked socket hears nothing more: not a
 * colleague typing or posting in a conversation it is in, an alert to its person or a booking to
 * the clinic, whichever node they come from. The person's other session (after a sign-out) and a
 * bystander of the clinic hear all of it; another clinic none of it.
 *
 * The revocation is made through `actionUrl`, the revoked and watching sockets are on
 * `observerUrl`, and the colleague acts through both.
 */
export function describeNothingAfterRevocation(topology: () => { actionUrl: string; observerUrl: string }): void {
  const signIn = (email: string) => StaffSession.signIn(topology().actionUrl, email);
  const connect = (session: StaffSession) => RealtimeTestClient.connect(topology().observerUrl, session.token);
  const origins = () => [...new Set([topology().observerUrl, topology().actionUrl])];

  /**
   * Everything at once, from every node: nothing waits for anything the revoked sockets could
   * still hear. The typing (no write to wait for) is the quickest to reach them.
   */
  async function colleagueActs(
    colleague: StaffSession,
    colleagueSocket: RealtimeTestClient,
    {
      threadId,
      alertTo,
      patientId,
      providerId,
    }: { threadId: string; alertTo: string[]; patientId: string; providerId: string },
  ): Promise<Activity> {
    const typing = colleagueSocket.command('typing:start', { threadId });
    const acts = origins().map(async (url) => {
      const rest = new RestClient(url, colleague.token);
      const startsAt = new Date(Date.UTC(2034, 0, 1) + ++slot * 60 * 60 * 1000);
      const title = `Revoked hear nothing ${randomUUID().slice(0, 8)}`;
      const [message, alert, booking] = await Promise.all([
        rest.post<ChatMessage>(`/api/threads/${threadId}/messages`, { body: 'Right after the revocation' }),
        rest.post<AlertSummary>('/api/alerts', { title, to: { userIds: alertTo } }),
        rest.post<AppointmentSummary>('/api/appointments', {
          patientId,
          providerId,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 30 * 60 * 1000).toISOString(),
          type: 'skin-check',
        }),
      ]);
      expect([message.status, alert.status, booking.status]).toEqual([201, 201, 201]);
      return { messageId: message.body.id, title, appointmentId: booking.body.id };
    });
    const done = await Promise.all(acts);
    expect(await typing).toEqual({ ok: true });
    return {
      typistId: colleague.userId,
      messageIds: done.map((d) => d.messageId),
      alertTitles: done.map((d) => d.title),
      appointmentIds: done.map((d) => d.appointmentId),
    };
  }

  /** The sockets open the conversation, as the portal does, and so hear who types in it. */
  async function inTheConversation(sockets: RealtimeTestClient[], threadId: string): Promise<void> {
    for (const socket of sockets) expect(await socket.command('thread:join', { threadId })).toMatchObject({ ok: true });
  }

  /** A closed socket received before its close everything ever written to it. */
  async function heardNothingBeforeItsEnd(socket: RealtimeTestClient, activity: Activity): Promise<void> {
    await socket.disconnected();
    expect(heardOf(socket, activity)).toEqual([]);
  }

  /** Another clinic's socket on the same node, asked after the clinic heard it all. */
  async function strangerHeardNothing(stranger: RealtimeTestClient, activity: Activity): Promise<void> {
    await stranger.roundTrip();
    expect(heardOf(stranger, activity)).toEqual([]);
  }

  it('a deactivated person’s sockets hear nothing once the deactivation is answered; the clinic hears it all', async () => {
    const [admin, deskPerson, colleague, bystander, stranger] = await Promise.all(
      [
        'admin@riverside.test',
        'frontdesk@riverside.test',
        'nurse@riverside.test',
        'provider@riverside.test',
        'nurse@lakeside.test',
      ].map(signIn),
    );
    const thread = await startThread(colleague, [deskPerson, bystander], { subject: 'Before the deactivation' });
    const [patient] = (await colleague.rest.get<PatientSummary[]>('/api/patients')).body;
    const revokedSockets = [await connect(deskPerson), await connect(deskPerson)];
    const [colleagueSocket, bystanderSocket, strangerSocket] = await Promise.all(
      [colleague, bystander, stranger].map(connect),
    );
    await inTheConversation([...revokedSockets, bystanderSocket], thread.id);
    try {
      expect((await admin.rest.patch(`/api/staff/${deskPerson.userId}`, { active: false })).status).toBe(200);
      const activity = await colleagueActs(colleague, colleagueSocket, {
        threadId: thread.id,
        alertTo: [bystander.userId],
        patientId: patient.id,
        providerId: bystander.userId,
      });

      await hearsAll(colleagueSocket, activity, { asSender: true });
      await hearsAll(bystanderSocket, activity);
      for (const socket of revokedSockets) await heardNothingBeforeItsEnd(socket, activity);
      await strangerHeardNothing(strangerSocket, activity);
    } finally {
      [...revokedSockets, colleagueSocket, bystanderSocket, strangerSocket].forEach((socket) => socket.close());
      expect((await admin.rest.patch(`/api/staff/${deskPerson.userId}`, { active: true })).status).toBe(200);
    }
  });

  it('a signed-out session’s sockets hear nothing once the sign-out is answered; the person’s other session hears it all', async () => {
    const [tablet, desktop, colleague, bystander, stranger] = await Promise.all(
      [
        'frontdesk@riverside.test',
        'frontdesk@riverside.test',
        'nurse@riverside.test',
        'provider@riverside.test',
        'nurse@lakeside.test',
      ].map(signIn),
    );
    const thread = await startThread(colleague, [tablet, bystander], { subject: 'Before the sign-out' });
    const [patient] = (await colleague.rest.get<PatientSummary[]>('/api/patients')).body;
    const revokedSockets = [await connect(tablet), await connect(tablet)];
    const [desktopSocket, colleagueSocket, bystanderSocket, strangerSocket] = await Promise.all(
      [desktop, colleague, bystander, stranger].map(connect),
    );
    await inTheConversation([...revokedSockets, desktopSocket, bystanderSocket], thread.id);
    try {
      expect((await tablet.rest.post('/api/auth/logout')).status).toBe(204);
      const activity = await colleagueActs(colleague, colleagueSocket, {
        threadId: thread.id,
        alertTo: [tablet.userId, bystander.userId],
        patientId: patient.id,
        providerId: bystander.userId,
      });

      await hearsAll(colleagueSocket, activity, { asSender: true });
      await hearsAll(desktopSocket, activity);
      await hearsAll(bystanderSocket, activity);
      for (const socket of revokedSockets) await heardNothingBeforeItsEnd(socket, activity);
      await strangerHeardNothing(strangerSocket, activity);
    } finally {
      [...revokedSockets, desktopSocket, colleagueSocket, bystanderSocket, strangerSocket].forEach((socket) =>
        socket.close(),
      );
    }
  });
}
