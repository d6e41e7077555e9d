import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_HEADER, PatientSummary, ServerEventPayloadMap } from '@derm/shared/contracts';
import { ApiServer, RealtimeTestClient, StaffSession, startApiServer } from '@derm/shared/test-client';
import { startAnswerDroppingProxy } from './support/answer-dropping-proxy';
import { keyedRequest } from './support/keyed-request';

interface Created {
  id: string;
}

interface Refusal {
  code?: string;
  message: string;
}

/** One create route that notifies: who sends it, what, where it is stored, who hears of it. */
interface NoticeRoute {
  path: string;
  sender: () => StaffSession;
  /** Someone else allowed to send the same request: their key is theirs. */
  otherSender: () => StaffSession;
  /** The request, told apart from every other by `marker`. */
  body: (marker: string) => object;
  /** What is stored under `marker`, as seen from the clinic of `as`. */
  stored: (marker: string, as: StaffSession) => Promise<Created[]>;
  /** The sockets of the people told of it (none for a draft prior authorization). */
  recipients: () => RealtimeTestClient[];
}

describe('exactly once: idempotency keys on the writes that notify', () => {
  let server: ApiServer;
  let admin: StaffSession;
  let nurse: StaffSession;
  let provider: StaffSession;
  let frontDesk: StaffSession;
  let otherClinicAdmin: StaffSession;
  let nurseSocket: RealtimeTestClient;
  let providerSocket: RealtimeTestClient;
  let patient: PatientSummary;

  beforeAll(async () => {
    // Far more writes a minute than a person makes: the write budget has its own spec (budgets.spec.ts).
    server = await startApiServer({ env: { REST_WRITE_POINTS: '1000' } });
    [admin, nurse, provider, frontDesk, otherClinicAdmin] = await Promise.all(
      [
        'admin@riverside.test',
        'nurse@riverside.test',
        'provider@riverside.test',
        'frontdesk@riverside.test',
        'admin@lakeside.test',
      ].map((email) => StaffSession.signIn(server.url, email)),
    );
    [nurseSocket, providerSocket] = await Promise.all([nurse.connect(), provider.connect()]);
    patient = (await nurse.rest.get<PatientSummary[]>('/api/patients')).body[0];
  });
  afterAll(async () => {
    [admin, nurse, provider, frontDesk, otherClinicAdmin].forEach((s) => s?.close());
    await server?.dispose();
  });

  const listed = async <T extends Created>(as: StaffSession, path: string, matches: (row: T) => boolean) =>
    (await as.rest.get<T[]>(path)).body.filter(matches);

  const routes: Record<string, NoticeRoute> = {
    'an urgent alert': {
      path: '/api/alerts',
      sender: () => admin,
      otherSender: () => nurse,
      body: (marker) => ({ title: `Room 3 ${marker}`, body: 'Now', to: { userIds: [provider.userId] } }),
      stored: (marker, as) => listed<Created & { title: string }>(as, '/api/alerts', (a) => a.title.includes(marker)),
      recipients: () => [providerSocket],
    },
    'an announcement': {
      path: '/api/announcements',
      sender: () => admin,
      otherSender: () => otherClinicAdmin,
      body: (marker) => ({ title: `Closed Friday ${marker}`, body: 'Staff meeting' }),
      stored: (marker, as) =>
        listed<Created & { title: string }>(as, '/api/announcements', (a) => a.title.includes(marker)),
      recipients: () => [nurseSocket, providerSocket],
    },
    'a task': {
      path: '/api/tasks',
      sender: () => nurse,
      otherSender: () => frontDesk,
      body: (marker) => ({ title: `Call back ${marker}`, assigneeId: provider.userId }),
      stored: (marker) => listed<Created & { title: string }>(provider, '/api/tasks', (t) => t.title.includes(marker)),
      recipients: () => [providerSocket],
    },
    'a lab result': {
      path: '/api/lab-results',
      sender: () => nurse,
      otherSender: () => provider,
      body: (marker) => ({ patientId: patient.id, orderingProviderId: provider.userId, testName: `CBC ${marker}` }),
      stored: (marker) =>
        listed<Created & { testName: string }>(nurse, `/api/lab-results?patientId=${patient.id}`, (r) =>
          r.testName.includes(marker),
        ),
      recipients: () => [providerSocket],
    },
    'a prior authorization': {
      path: '/api/prior-auths',
      sender: () => nurse,
      otherSender: () => frontDesk,
      body: (marker) => ({ patientId: patient.id, providerId: provider.userId, procedure: `Mohs ${marker}` }),
      stored: (marker, as) =>
        listed<Created & { procedure: string }>(as, `/api/prior-auths?patientId=${patient.id}`, (p) =>
          p.procedure.includes(marker),
        ),
      recipients: () => [],
    },
  };

  const create = (route: NoticeRoute, body: object, key: string, as = route.sender()) =>
    keyedRequest<Created & Refusal>(as, 'POST', route.path, body, key);
  const aboutMarker =
    (marker: string) =>
    ({ data }: ServerEventPayloadMap['notification:new']) =>
      data.notification.title.includes(marker);

  describe.each(Object.entries(routes))('%s', (_, route) => {
    it('is stored and notified once for one key: the retry answers the first, and each recipient hears of it once', async () => {
      const marker = randomUUID();
      const key = randomUUID();
      const first = await create(route, route.body(marker), key);
      const retry = await create(route, route.body(marker), key);

      expect(first.status).toBe(201);
      expect(retry).toEqual(first);
      expect((await route.stored(marker, route.sender())).map((row) => row.id)).toEqual([first.body.id]);
      for (const socket of route.recipients()) {
        await socket.waitFor('notification:new', aboutMarker(marker));
        await socket.expectNone('notification:new', aboutMarker(marker));
      }
    });

    it('is stored once when the same key arrives twice at once (a double click)', async () => {
      const marker = randomUUID();
      const key = randomUUID();
      const answers = await Promise.all([1, 2].map(() => create(route, route.body(marker), key)));

      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      expect(answers[1]).toEqual(answers[0]);
      expect(await route.stored(marker, route.sender())).toHaveLength(1);
      for (const socket of route.recipients()) {
        await socket.waitFor('notification:new', aboutMarker(marker));
        await socket.expectNone('notification:new', aboutMarker(marker));
      }
    });

    it("keeps another person's identical key apart: their request is stored as their own", async () => {
      const marker = randomUUID();
      const key = randomUUID();
      const other = route.otherSender();
      const mine = await create(route, route.body(marker), key);
      const theirs = await create(route, route.body(marker), key, other);

      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect((await route.stored(marker, other)).map((row) => row.id)).toContain(theirs.body.id);
    });

    it('refuses the key reused for another request with 422 IDEMPOTENCY_KEY_REUSED, storing nothing', async () => {
      const [marker, otherMarker] = [randomUUID(), randomUUID()];
      const key = randomUUID();
      expect((await create(route, route.body(marker), key)).status).toBe(201);

      const reused = await create(route, route.body(otherMarker), key);
      expect(reused).toEqual({
        status: 422,
        body: expect.objectContaining({
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: expect.stringContaining('different'),
        }),
      });
      expect(await route.stored(otherMarker, route.sender())).toEqual([]);
      for (const socket of route.recipients()) {
        await socket.waitFor('notification:new', aboutMarker(marker));
        await socket.expectNone('notification:new', aboutMarker(otherMarker));
      }
    });

    it('refuses a malformed key with 400, before anything is stored', async () => {
      const marker = randomUUID();
      for (const key of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+']) {
        const answer = await create(route, route.body(marker), key);
        expect(answer.status).toBe(400);
        expect(answer.body.message).toContain(IDEMPOTENCY_KEY_HEADER);
      }
      expect(await route.stored(marker, route.sender())).toEqual([]);
    });
  });

  it('takes a retry that sends an optional field as null for the same request as the first, which left it out', async () => {
    const route = routes['a task'];
    const marker = randomUUID();
    const key = randomUUID();
    const first = await create(route, route.body(marker), key);
    const retry = await create(route, { ...route.body(marker), patientId: null }, key);

    expect(first.status).toBe(201);
    expect(retry).toEqual(first);
    expect((await route.stored(marker, route.sender())).map((row) => row.id)).toEqual([first.body.id]);
    await providerSocket.waitFor('notification:new', aboutMarker(marker));
    await providerSocket.expectNone('notification:new', aboutMarker(marker));
  });

  it('alerts once when the answer is lost after the commit and the sender retries', async () => {
    const route = routes['an urgent alert'];
    const proxy = await startAnswerDroppingProxy(server.port);
    try {
      const marker = randomUUID();
      const key = randomUUID();
      proxy.dropAnswers(true);
      const lost = keyedRequest(admin, 'POST', route.path, route.body(marker), key, proxy.url);
      // The recipient hears of the alert only after the commit: it is stored, its answer held.
      await providerSocket.waitFor('notification:new', aboutMarker(marker));
      proxy.cut();
      await expect(lost).rejects.toThrow();

      const retry = await create(route, route.body(marker), key);
      expect(retry.status).toBe(201);
      expect((await route.stored(marker, admin)).map((row) => row.id)).toEqual([retry.body.id]);
      await providerSocket.expectNone('notification:new', aboutMarker(marker));
    } finally {
      await proxy.close();
    }
  });

  it('lists the header in the OpenAPI document of each of these writes', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    for (const { path } of Object.values(routes)) {
      expect(document.paths[path]?.['post']?.parameters).toContainEqual(
        expect.objectContaining({ name: IDEMPOTENCY_KEY_HEADER, in: 'header' }),
      );
    }
  });
});
