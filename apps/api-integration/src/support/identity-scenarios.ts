import {
  AppointmentSummary,
  ChatMessage,
  DomainEvent,
  NotificationList,
  PatientSummary,
  StaffMember,
  ThreadSummary,
  TypingSignal,
} from '@derm/shared/contracts';
import { eventsIn, rawConnect, RealtimeTestClient, StaffSession } from '@derm/shared/test-client';

/** The domain events a socket received, whatever their name. */
export const domainEventsOf = (socket: RealtimeTestClient): DomainEvent[] =>
  (['appointment:created', 'message:new', 'notification:new'] as const).flatMap(
    (name) => socket.received(name) as DomainEvent[],
  );

/** Two clinics' staff signed in on the given node(s), with what the scenarios need of each. */
export class TwoClinics {
  private slot = 0;

  private constructor(
    readonly nurse: StaffSession,
    readonly provider: StaffSession,
    readonly frontDesk: StaffSession,
    readonly admin: StaffSession,
    readonly lakesideNurse: StaffSession,
    readonly lakesideDesk: StaffSession,
    private readonly riversidePatient: PatientSummary,
    private readonly lakesidePatient: PatientSummary,
    private readonly lakesideProvider: StaffMember,
  ) {}

  /** `victimUrl`: where the riverside staff work; `attackerUrl`: where the lakeside staff do. */
  static async signIn(victimUrl: string, attackerUrl: string = victimUrl): Promise<TwoClinics> {
    const [nurse, provider, frontDesk, admin, lakesideNurse, lakesideDesk] = await Promise.all([
      StaffSession.signIn(victimUrl, 'nurse@riverside.test'),
      StaffSession.signIn(victimUrl, 'provider@riverside.test'),
      StaffSession.signIn(attackerUrl, 'frontdesk@riverside.test'),
      StaffSession.signIn(victimUrl, 'admin@riverside.test'),
      StaffSession.signIn(attackerUrl, 'nurse@lakeside.test'),
      StaffSession.signIn(attackerUrl, 'frontdesk@lakeside.test'),
    ]);
    const [riversidePatient] = (await frontDesk.rest.get<PatientSummary[]>('/api/patients')).body;
    const [lakesidePatient] = (await lakesideDesk.rest.get<PatientSummary[]>('/api/patients')).body;
    const lakesideStaff = (await lakesideDesk.rest.get<StaffMember[]>('/api/staff')).body;
    const lakesideProvider = lakesideStaff.find((member) => member.role === 'provider');
    if (!riversidePatient || !lakesidePatient || !lakesideProvider) throw new Error('Demo data is missing');
    return new TwoClinics(
      nurse,
      provider,
      frontDesk,
      admin,
      lakesideNurse,
      lakesideDesk,
      riversidePatient,
      lakesidePatient,
      lakesideProvider,
    );
  }

  close(): void {
    [this.nurse, this.provider, this.frontDesk, this.admin, this.lakesideNurse, this.lakesideDesk].forEach((s) =>
      s.close(),
    );
  }

  /** A thread of the riverside nurse and provider only. */
  privateThread(): Promise<ThreadSummary> {
    return this.threadOf(this.nurse);
  }

  /** A thread of one riverside colleague and the provider. */
  async threadOf(colleague: StaffSession): Promise<ThreadSummary> {
    const created = await colleague.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [this.provider.userId],
      subject: `Biopsy follow-up ${++this.slot}`,
    });
    if (created.status !== 201) throw new Error(`Thread not created: ${created.status}`);
    return created.body;
  }

  /** Riverside activity the nurse's socket receives: a thread message, an urgent alert, a booking. */
  async riversideActivity(thread: ThreadSummary): Promise<{ message: ChatMessage; alertTitle: string }> {
    const message = await this.provider.rest.post<ChatMessage>(`/api/threads/${thread.id}/messages`, {
      body: `Margins clear, slot ${++this.slot}`,
    });
    const alertTitle = `Room 3 needs a nurse (${this.slot})`;
    const alert = await this.admin.rest.post('/api/alerts', {
      title: alertTitle,
      to: { userIds: [this.nurse.userId] },
    });
    const booking = await this.book(this.frontDesk, this.riversidePatient.id, this.provider.userId);
    if (message.status !== 201 || alert.status !== 201) {
      throw new Error(`Riverside activity failed: ${message.status} ${alert.status} ${booking.id}`);
    }
    return { message: message.body, alertTitle };
  }

  /** A lakeside booking: the barrier after which a lakeside socket has heard all that came before. */
  lakesideBooking(): Promise<AppointmentSummary> {
    return this.book(this.lakesideDesk, this.lakesidePatient.id, this.lakesideProvider.id);
  }

  /** A riverside booking, the barrier for riverside sockets. */
  riversideBooking(): Promise<AppointmentSummary> {
    return this.book(this.frontDesk, this.riversidePatient.id, this.provider.userId);
  }

  /** The nurse on a socket that has joined the thread and received a broadcast, so it has an offset. */
  async nurseInThread(url: string, thread: ThreadSummary): Promise<RealtimeTestClient> {
    const socket = await RealtimeTestClient.connect(url, this.nurse.token);
    const joined = await socket.command('thread:join', { threadId: thread.id });
    if (!joined.ok) throw new Error(`thread:join failed: ${JSON.stringify(joined)}`);
    const booking = await this.riversideBooking();
    await socket.waitFor('appointment:created', (e) => e.data.appointment.id === booking.id);
    return socket;
  }

  private async book(session: StaffSession, patientId: string, providerId: string): Promise<AppointmentSummary> {
    // Distinct slots far from today, so no booking rule ever refuses one.
    const startsAt = new Date(Date.UTC(2031, 0, 1) + ++this.slot * 60 * 60 * 1000);
    const endsAt = new Date(startsAt.getTime() + 30 * 60 * 1000);
    const response = await session.rest.post<AppointmentSummary>('/api/appointments', {
      patientId,
      providerId,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      type: 'skin-check',
    });
    if (response.status !== 201)
      throw new Error(`Booking failed with ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }
}

/**
 * Recovery is bound to identity. `victimUrl` is the node the nurse's socket drops from, and
 * `attackerUrl` the node the other identity connects to (the same one, or another node that
 * restores the session from Redis). Each scenario then has the nurse recover her own session,
 * which shows it was there to be taken.
 */
export function describeIdentityBoundRecovery(
  topology: () => { victimUrl: string; attackerUrl: string; clinics: TwoClinics },
): void {
  const dropNurse = async () => {
    const { victimUrl, clinics } = topology();
    const thread = await clinics.privateThread();
    const nurseSocket = await clinics.nurseInThread(victimUrl, thread);
    const credentials = nurseSocket.recoveryCredentials;
    await nurseSocket.dropTransport();
    const missed = await clinics.riversideActivity(thread);
    return { thread, credentials, missed };
  };

  /** The nurse comes back with her own token: her session and the message she missed are restored. */
  const nurseRecovers = async (credentials: { pid: string; offset: string }, missed: ChatMessage) => {
    const { victimUrl, clinics } = topology();
    const socket = await RealtimeTestClient.connect(victimUrl, clinics.nurse.token, {
      auth: { token: clinics.nurse.token, ...credentials },
    });
    expect(socket.ready.recovered).toBe(true);
    await socket.waitFor('message:new', (e) => e.data.message.id === missed.id);
    socket.close();
  };

  it('restores a session once: presented again while its socket is open, it connects afresh, and closing that costs the first nothing', async () => {
    const { victimUrl, clinics } = topology();
    const { credentials, missed } = await dropNurse();
    const presentSession = () =>
      RealtimeTestClient.connect(victimUrl, clinics.nurse.token, {
        auth: { token: clinics.nurse.token, ...credentials },
      });

    const recovered = await presentSession();
    expect(recovered.ready.recovered).toBe(true);
    await recovered.waitFor('message:new', (e) => e.data.message.id === missed.message.id);
    const again = await presentSession();
    expect(again.ready.recovered).toBe(false);
    expect(again.socket.id).not.toBe(recovered.socket.id);
    again.close();

    // The first is still connected and in the nurse's rooms: a message of hers still reaches it.
    const later = await clinics.riversideActivity(await clinics.privateThread());
    await recovered.waitFor('message:new', (e) => e.data.message.id === later.message.id);
    recovered.close();
  });

  it('a lakeside token with a riverside session id gets a new session and none of riverside', async () => {
    const { attackerUrl, clinics } = topology();
    const { thread, credentials, missed } = await dropNurse();

    const attacker = await RealtimeTestClient.connect(attackerUrl, clinics.lakesideNurse.token, {
      auth: { token: clinics.lakesideNurse.token, ...credentials },
    });
    expect(attacker.ready).toMatchObject({ recovered: false, tenantId: clinics.lakesideNurse.tenantId });
    await clinics.riversideActivity(thread);
    const barrier = await clinics.lakesideBooking();
    await attacker.waitFor('appointment:created', (e) => e.data.appointment.id === barrier.id);
    expect(domainEventsOf(attacker).filter((e) => e.tenantId !== clinics.lakesideNurse.tenantId)).toEqual([]);
    attacker.close();

    await nurseRecovers(credentials, missed.message);
  });

  it("front desk with the nurse's session id gets nothing of a thread only the nurse is in", async () => {
    const { attackerUrl, clinics } = topology();
    const { thread, credentials, missed } = await dropNurse();

    const frontDesk = await RealtimeTestClient.connect(attackerUrl, clinics.frontDesk.token, {
      auth: { token: clinics.frontDesk.token, ...credentials },
    });
    expect(frontDesk.ready).toMatchObject({ recovered: false, userId: clinics.frontDesk.userId });
    const later = await clinics.riversideActivity(thread);
    const barrier = await clinics.riversideBooking();
    await frontDesk.waitFor('appointment:created', (e) => e.data.appointment.id === barrier.id);
    expect(frontDesk.received('message:new')).toEqual([]);
    const alertTitles = new Set([missed.alertTitle, later.alertTitle]);
    expect(frontDesk.received('notification:new').filter((e) => alertTitles.has(e.data.notification.title))).toEqual(
      [],
    );
    frontDesk.close();

    await nurseRecovers(credentials, missed.message);
  });

  it('a raw client with a valid session id and an invalid token is refused before any event frame', async () => {
    const { attackerUrl, clinics } = topology();
    const { credentials, missed } = await dropNurse();

    const { outcome, frames } = await rawConnect(attackerUrl, { token: `${clinics.nurse.token}x`, ...credentials });
    expect(outcome).toBe('refused');
    expect(eventsIn(frames)).toEqual([]);

    await nurseRecovers(credentials, missed.message);
  });

  it("a raw client with another clinic's valid token is admitted as itself, with no frame of the session", async () => {
    const { attackerUrl, clinics } = topology();
    const { credentials, missed } = await dropNurse();

    const { outcome, frames } = await rawConnect(attackerUrl, { token: clinics.lakesideNurse.token, ...credentials });
    expect(outcome).toBe('connected');
    // A new connection is greeted with its own ready and its own unread count, and these may
    // overtake the CONNECT frame; nothing of the nurse's session may come at all.
    const own = await clinics.lakesideNurse.rest.get<NotificationList>('/api/notifications');
    const events = eventsIn(frames);
    expect(events.filter(([name]) => name !== 'session:ready' && name !== 'notification:unread-count')).toEqual([]);
    for (const [name, data] of events) {
      expect(data).toMatchObject(
        name === 'session:ready'
          ? { recovered: false, userId: clinics.lakesideNurse.userId }
          : { count: own.body.unreadCount },
      );
    }

    await nurseRecovers(credentials, missed.message);
  });
}

/**
 * A session is restored only to someone still allowed in its rooms. A socket drops from
 * `victimUrl` while in a room (a thread's, the admins'); the person leaves the thread, or loses the
 * role, meanwhile. Presenting their own session at `returnUrl`, they must get neither the room nor
 * what it heard meanwhile.
 */
export function describeRecoveryOfRooms(
  topology: () => { victimUrl: string; returnUrl: string; clinics: TwoClinics },
): void {
  it('a nurse who left a thread while away gets a new session, with nothing of its room', async () => {
    const { victimUrl, returnUrl, clinics } = topology();
    const thread = await clinics.privateThread();
    const nurseSocket = await clinics.nurseInThread(victimUrl, thread);
    const provider = await RealtimeTestClient.connect(victimUrl, clinics.provider.token);
    expect(await provider.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
    const nurseTyping = (isTyping: boolean) => (t: TypingSignal) =>
      t.threadId === thread.id && t.userId === clinics.nurse.userId && t.isTyping === isTyping;
    expect(await nurseSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
    await provider.waitFor('typing', nurseTyping(true));

    // Her typing ends when the server has closed her socket: its session, with the room, is stored.
    const credentials = nurseSocket.recoveryCredentials;
    await nurseSocket.dropTransport();
    await provider.waitFor('typing', nurseTyping(false));
    expect((await clinics.nurse.rest.delete(`/api/threads/${thread.id}/participants/me`)).status).toBe(204);
    expect(await provider.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });

    const back = await RealtimeTestClient.connect(returnUrl, clinics.nurse.token, {
      auth: { token: clinics.nurse.token, ...credentials },
    });
    expect(back.ready).toMatchObject({ recovered: false, userId: clinics.nurse.userId });
    await back.expectNone('typing', (t) => t.threadId === thread.id);
    expect(await back.command('thread:join', { threadId: thread.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    [provider, back].forEach((socket) => socket.close());
  });

  it('a front desk made admin, then not, while away gets a new session, outside the admins room', async () => {
    const { victimUrl, returnUrl, clinics } = topology();
    const { admin, frontDesk } = clinics;
    expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'admin' })).status).toBe(200);
    try {
      const thread = await clinics.threadOf(frontDesk);
      const deskSocket = await RealtimeTestClient.connect(victimUrl, frontDesk.token);
      const provider = await RealtimeTestClient.connect(victimUrl, clinics.provider.token);
      for (const socket of [deskSocket, provider]) {
        expect(await socket.command('thread:join', { threadId: thread.id })).toEqual({ ok: true });
      }
      const deskTyping = (isTyping: boolean) => (t: TypingSignal) =>
        t.threadId === thread.id && t.userId === frontDesk.userId && t.isTyping === isTyping;
      expect(await deskSocket.command('typing:start', { threadId: thread.id })).toEqual({ ok: true });
      await provider.waitFor('typing', deskTyping(true));
      const booking = await clinics.riversideBooking();
      await deskSocket.waitFor('appointment:created', (e) => e.data.appointment.id === booking.id);

      const credentials = deskSocket.recoveryCredentials;
      await deskSocket.dropTransport();
      await provider.waitFor('typing', deskTyping(false));
      expect((await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' })).status).toBe(200);

      const back = await RealtimeTestClient.connect(returnUrl, frontDesk.token, {
        auth: { token: frontDesk.token, ...credentials },
      });
      // Nothing of the stored session: not its rooms, not what the admins room heard while away.
      expect(back.ready).toMatchObject({ recovered: false, userId: frontDesk.userId });
      [provider, back].forEach((socket) => socket.close());
    } finally {
      await admin.rest.patch(`/api/staff/${frontDesk.userId}`, { role: 'front-desk' });
    }
  });
}
