import { randomUUID } from 'node:crypto';
import { DomainEvent, StaffAccount, ThreadSummary } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ErrorBody, startThread } from './support/conversations';

describe('a conversation with a deactivated colleague says she is no longer active', () => {
  let server: ApiServer;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let admin: StaffSession;
  let otherClinic: StaffSession;
  let nurse: StaffSession;

  const setActive = async (userId: string, active: boolean) => {
    expect((await admin.rest.patch<StaffAccount>(`/api/staff/${userId}`, { active })).status).toBe(200);
  };
  const newThread = () => startThread(provider, [frontDesk, nurse], { subject: `Biopsy ${randomUUID().slice(0, 4)}` });
  /** The thread's people as a participant's list and the thread itself show them, by name. */
  const peopleSeenBy = async (as: StaffSession, threadId: string) => {
    const one = await as.rest.get<ThreadSummary>(`/api/threads/${threadId}`);
    expect(one.status).toBe(200);
    const list = await as.rest.get<ThreadSummary[]>('/api/threads');
    expect(list.body.find((thread) => thread.id === threadId)?.participants).toEqual(one.body.participants);
    return one.body.participants;
  };
  const everyone = (nurseActive: boolean) => [
    { id: provider.userId, name: 'Dr. Ana Ortiz', active: true },
    { id: frontDesk.userId, name: 'Felix Park', active: true },
    { id: nurse.userId, name: 'Nora Quinn', active: nurseActive },
  ];

  beforeAll(async () => {
    server = await startApiServer();
    [provider, frontDesk, admin, otherClinic, nurse] = await Promise.all(
      [
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@riverside.test',
        'nurse@lakeside.test',
        'nurse@riverside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
  });
  afterEach(async () => {
    const nurseAccount = (await admin.rest.get<StaffAccount[]>('/api/staff/accounts')).body.find(
      (account) => account.id === nurse.userId,
    );
    if (nurseAccount?.active === false) await setActive(nurse.userId, true);
  });
  afterAll(async () => {
    [provider, frontDesk, admin, otherClinic, nurse].forEach((s) => s?.close());
    await server?.dispose();
  });

  it('the thread and the list of those who remain show her inactive once deactivated, active again once reactivated; nobody outside it sees the thread', async () => {
    const thread = await newThread();
    expect(thread.participants).toEqual(everyone(true));

    await setActive(nurse.userId, false);
    for (const colleague of [provider, frontDesk]) {
      expect(await peopleSeenBy(colleague, thread.id)).toEqual(everyone(false));
    }
    // Another clinic finds no such thread; a colleague outside it is refused; she is signed out.
    expect((await otherClinic.rest.get(`/api/threads/${thread.id}`)).status).toBe(404);
    const foreignList = await otherClinic.rest.get<ThreadSummary[]>('/api/threads');
    expect(foreignList.status).toBe(200);
    expect(foreignList.body.map(({ id }) => id)).not.toContain(thread.id);
    expect((await admin.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);
    expect((await admin.rest.get<ThreadSummary[]>('/api/threads')).body.map(({ id }) => id)).not.toContain(thread.id);
    expect((await nurse.rest.get(`/api/threads/${thread.id}`)).status).toBe(401);

    await setActive(nurse.userId, true);
    for (const colleague of [provider, frontDesk]) {
      expect(await peopleSeenBy(colleague, thread.id)).toEqual(everyone(true));
    }
    // The one-to-one lookup is the same shape.
    nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const direct = await startThread(provider, [nurse]);
    await setActive(nurse.userId, false);
    const found = await provider.rest.get<ThreadSummary>(`/api/threads/direct/${nurse.userId}`);
    expect(found.body.id).toBe(direct.id);
    expect(found.body.participants).toContainEqual({ id: nurse.userId, name: 'Nora Quinn', active: false });
  });

  it('she cannot be added while deactivated: refused 409 naming her, nobody added or told; once reactivated she hears only what follows', async () => {
    nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const thread = await startThread(provider, [frontDesk]);
    const nurseSocket = await nurse.connect();
    await setActive(nurse.userId, false);
    await nurseSocket.waitFor('session:expired', (e) => e.reason === 'REVOKED');
    const [providerSocket, deskSocket, adminSocket, foreignSocket] = (await Promise.all(
      [provider, frontDesk, admin, otherClinic].map((s) => s.connect()),
    )) as RealtimeTestClient[];
    const ofThread = (e: DomainEvent<'thread:participants-added'>) => e.data.threadId === thread.id;
    const pair = [
      { id: provider.userId, name: 'Dr. Ana Ortiz', active: true },
      { id: frontDesk.userId, name: 'Felix Park', active: true },
    ];

    for (const userIds of [[nurse.userId], [admin.userId, nurse.userId]]) {
      const refused = await provider.rest.post<ErrorBody>(`/api/threads/${thread.id}/participants`, { userIds });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe('Nora Quinn is no longer active in this clinic');
    }
    expect(await peopleSeenBy(provider, thread.id)).toEqual(pair);
    for (const socket of [providerSocket, deskSocket, adminSocket, foreignSocket]) {
      await socket.expectNone('thread:participants-added', ofThread);
    }
    expect(nurseSocket.received('thread:participants-added')).toEqual([]);
    expect((await admin.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);

    // Reactivated, she is still outside it: nothing of the refused adds reaches her, now or later.
    await setActive(nurse.userId, true);
    nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const backSocket = await nurse.connect();
    expect((await nurse.rest.get(`/api/threads/${thread.id}`)).status).toBe(403);
    expect((await nurse.rest.get<ThreadSummary[]>('/api/threads')).body.map(({ id }) => id)).not.toContain(thread.id);
    await backSocket.expectNone('thread:participants-added', ofThread);
    expect(
      (await otherClinic.rest.post(`/api/threads/${thread.id}/participants`, { userIds: [otherClinic.userId] })).status,
    ).toBe(404);
    [providerSocket, deskSocket, adminSocket, foreignSocket, backSocket, nurseSocket].forEach((socket) =>
      socket.close(),
    );
  });

  it('who joins or leaves it hears her inactive among the people; another clinic hears nothing', async () => {
    nurse = await StaffSession.signIn(server.url, 'nurse@riverside.test');
    const thread = await newThread();
    await setActive(nurse.userId, false);
    const [providerSocket, deskSocket, adminSocket, foreignSocket] = (await Promise.all(
      [provider, frontDesk, admin, otherClinic].map((s) => s.connect()),
    )) as RealtimeTestClient[];
    const ofThread = (e: DomainEvent<'thread:participants-added' | 'thread:participant-left'>) =>
      e.data.threadId === thread.id;

    expect(
      (await provider.rest.post(`/api/threads/${thread.id}/participants`, { userIds: [admin.userId] })).status,
    ).toBe(200);
    const adminJoined = { id: admin.userId, name: 'Alma Reyes', active: true };
    for (const socket of [providerSocket, deskSocket, adminSocket]) {
      const added = await socket.waitFor('thread:participants-added', ofThread);
      expect(added.data.participants).toEqual([adminJoined, ...everyone(false)]);
    }
    expect((await admin.rest.get<ThreadSummary>(`/api/threads/${thread.id}`)).body.participants).toEqual([
      adminJoined,
      ...everyone(false),
    ]);

    expect((await frontDesk.rest.delete(`/api/threads/${thread.id}/participants/me`)).status).toBe(204);
    for (const socket of [providerSocket, adminSocket]) {
      const left = await socket.waitFor('thread:participant-left', ofThread);
      expect(left.data.participants).toEqual([adminJoined, ...everyone(false).filter((p) => p.name !== 'Felix Park')]);
    }
    await foreignSocket.expectNone('thread:participants-added');
    await foreignSocket.expectNone('thread:participant-left');
    [providerSocket, deskSocket, adminSocket, foreignSocket].forEach((socket) => socket.close());
  });
});
