import { ApiServer, ChatMessage, StaffSession, startApiServer, ThreadSummary } from '@derm/realtime-testing';

describe('a suite outside the monorepo, on @derm/realtime-testing', () => {
  let api: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let lakeside: StaffSession;

  beforeAll(async () => {
    // The API's built entry point: this suite does not live next to it.
    api = await startApiServer({ entry: process.env['DERM_API_ENTRY'] });
    [nurse, provider, lakeside] = await Promise.all([
      StaffSession.signIn(api.url, 'nurse@riverside.test'),
      StaffSession.signIn(api.url, 'provider@riverside.test'),
      StaffSession.signIn(api.url, 'nurse@lakeside.test'),
    ]);
  });
  afterAll(async () => {
    [nurse, provider, lakeside].forEach((session) => session?.close());
    await api?.dispose();
  });

  it('delivers a message to its participants and nothing of it to another clinic', async () => {
    const nurseSocket = await nurse.connect();
    const lakesideSocket = await lakeside.connect();
    const thread = await nurse.rest.post<ThreadSummary>('/api/threads', {
      participantIds: [provider.userId],
      subject: 'Biopsy follow-up',
    });
    expect(thread.status).toBe(201);

    const sent = await provider.rest.post<ChatMessage>(`/api/threads/${thread.body.id}/messages`, {
      body: 'Margins are clear',
    });
    const received = await nurseSocket.waitFor('message:new', (e) => e.data.message.id === sent.body.id);
    expect(received).toMatchObject({ tenantId: nurse.tenantId, actor: { id: provider.userId } });
    await lakesideSocket.expectNone('message:new');

    expect(await nurseSocket.command('thread:join', { threadId: thread.body.id })).toEqual({ ok: true });
    expect(await lakesideSocket.command('thread:join', { threadId: thread.body.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
