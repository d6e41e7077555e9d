import {
  AppointmentSummary,
  ChatMessage,
  MESSAGE_BODY_MAX_LENGTH,
  PatientViewAuditEntry,
  TaskView,
  ThreadSummary,
} from '@derm/shared/contracts';
import { ApiServer, StaffSession, startApiServer } from '@derm/shared/test-client';
import { ClinicSchedule, FUTURE_DAY } from './support/clinic-schedule';

type Refusal = { message: string; fields: Record<string, string[]> };

const SOME_ID = '7f1f5f6e-0a3b-4c59-9d5e-2f4c8f0b9a11';
const INSTANT_RULE =
  'must be a date and time like 2031-06-02T15:00:00Z or 2031-06-02T11:00:00-04:00 (RFC 3339), in the years 1900–9998';
/** ISO 8601 forms `Date` reads as invalid, a day that does not exist, and years out of range. */
const NOT_INSTANTS = [
  '2027-W10-1',
  '2027-070',
  '20270311T1000Z',
  '2027-03-11T10:00:00,5Z',
  '2027-03-11T10Z',
  '2027-03-11',
  '2026-02-30T10:00:00Z',
  '0099-01-01T15:00:00Z',
  '9999-12-31T15:00:00Z',
];

describe('input rules: free text and times, on every route that takes them', () => {
  let server: ApiServer;
  let nurse: StaffSession;
  let provider: StaffSession;
  let admin: StaffSession;
  let frontDesk: StaffSession;
  let riverside: ClinicSchedule;

  beforeAll(async () => {
    // Every refusal below is a write of its own; the budgets have their own suite.
    server = await startApiServer({ env: { REST_WRITE_POINTS: '100000', REST_READ_POINTS: '100000' } });
    [nurse, provider, admin, frontDesk] = await Promise.all(
      ['nurse', 'provider', 'admin', 'frontdesk'].map((role) =>
        StaffSession.signIn(server.url, `${role}@riverside.test`),
      ),
    );
    riverside = await ClinicSchedule.of(frontDesk);
  });
  afterAll(async () => {
    [nurse, provider, admin, frontDesk].forEach((session) => session?.close());
    await server?.dispose();
  });

  describe('free text', () => {
    /** Every free-text field: where it is sent, by whom, in a body valid but for it, and its most characters. */
    const freeText: [string, string, () => StaffSession, (text: string) => object, number][] = [
      ['/api/threads', 'subject', () => nurse, (subject) => ({ participantIds: [provider.userId], subject }), 200],
      [`/api/threads/${SOME_ID}/messages`, 'body', () => nurse, (body) => ({ body }), MESSAGE_BODY_MAX_LENGTH],
      ['/api/tasks', 'title', () => nurse, (title) => ({ assigneeId: provider.userId, title }), 200],
      ['/api/announcements', 'title', () => admin, (title) => ({ title, body: 'Clinic closes at noon.' }), 200],
      ['/api/announcements', 'body', () => admin, (body) => ({ title: 'Closing', body }), 500],
      ['/api/alerts', 'title', () => nurse, (title) => ({ title, to: { userIds: [provider.userId] } }), 200],
      [
        '/api/alerts',
        'body',
        () => nurse,
        (body) => ({ title: 'Room 4', body, to: { userIds: [provider.userId] } }),
        500,
      ],
      [
        '/api/lab-results',
        'testName',
        () => provider,
        (testName) => ({ patientId: SOME_ID, orderingProviderId: SOME_ID, testName }),
        200,
      ],
      [
        '/api/prior-auths',
        'procedure',
        () => admin,
        (procedure) => ({ patientId: SOME_ID, providerId: SOME_ID, procedure }),
        200,
      ],
      [`/api/appointments/${SOME_ID}/cancel`, 'reason', () => frontDesk, (reason) => ({ reason }), 500],
    ];
    const refusalOf = async (path: string, field: string, as: StaffSession, body: object) => {
      const response = await as.rest.post<Refusal>(path, body);
      expect({ path, field, status: response.status }).toEqual({ path, field, status: 400 });
      return response.body.fields;
    };

    it.each(freeText)(
      '%s %s: refuses NUL, other control characters and half a surrogate pair, naming the field',
      async (path, field, as, bodyWith) => {
        for (const text of ['a\u0000b', 'bell\u0007', 'dose \ud83d ok', '\udc00 first']) {
          expect(await refusalOf(path, field, as(), bodyWith(text))).toEqual({
            [field]: [
              `${field} must not contain control characters (other than tabs and line breaks) or unpaired surrogates`,
            ],
          });
        }
      },
    );

    it.each(freeText)(
      '%s %s: refuses invisible direction controls, which draw text out of its order, naming the field',
      async (path, field, as, bodyWith) => {
        for (const text of [
          'allergic to \u202Enillicinep',
          '\u202Bright\u202C',
          'Give \u2067\u2066100\u2069 \u2066not\u2069 \u206610\u2069\u2069 units',
          'Give \u200F1\u200F0\u200F0 units',
          'mark\u061C',
        ]) {
          expect(await refusalOf(path, field, as(), bodyWith(text))).toEqual({
            [field]: [
              `${field} must not contain invisible direction controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), which show text in another order than it was written`,
            ],
          });
        }
      },
    );

    /** Texts a reader sees nothing of: invisible characters, fillers, the blank Braille pattern. */
    const drawnAsNothing = [
      '\u200b',
      ' \u200b\ufeff\u2060 \u200d ',
      '\u2800',
      '\u2800\u2800\u2800\u200b',
      '\u3164\uffa0\u115f\u1160',
      '\u{1d159}\u{e0020}\u{e0100}\ufff9',
    ];

    it.each(freeText)('%s %s: refuses invisible characters alone, as blank', async (path, field, as, bodyWith) => {
      for (const text of drawnAsNothing) {
        expect(await refusalOf(path, field, as(), bodyWith(text))).toEqual({
          [field]: [`${field} must not be blank: it needs at least one visible character`],
        });
      }
    });

    it.each(freeText)(
      '%s %s: counts characters as the database does, variation selectors included, and refuses one too many',
      async (path, field, as, bodyWith, most) => {
        // Half as many emoji as the limit, each with its selector, and one letter: one past it.
        const text = `${'❤\uFE0F'.repeat(most / 2)}x`;
        expect(await refusalOf(path, field, as(), bodyWith(text))).toEqual({
          [field]: [`${field} must be shorter than or equal to ${most} characters`],
        });
      },
    );

    it('tells no one of a refused blank or reordered alert, announcement or message: not its recipient, not another clinic', async () => {
      const otherClinic = await StaffSession.signIn(server.url, 'provider@lakeside.test');
      const watchers = [provider, admin, frontDesk, otherClinic];
      const sockets = await Promise.all(watchers.map((session) => session.connect()));
      try {
        const thread = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId] }))
          .body;
        const to = { userIds: [provider.userId] };
        const attempts: [StaffSession, string, object][] = [
          [nurse, '/api/alerts', { title: '\u2800', to }],
          [admin, '/api/alerts', { title: '\u2800\u2800\u2800\u200b', to: { everyone: true } }],
          [nurse, '/api/alerts', { title: 'Room 4', body: '\u2800\u2800\u2800\u200b', to }],
          [admin, '/api/announcements', { title: '\u2800', body: 'Clinic closes at noon.' }],
          [admin, '/api/announcements', { title: 'Closing', body: '\u2800\u200b' }],
          [nurse, `/api/threads/${thread.id}/messages`, { body: '\u2800\u2800' }],
          [nurse, '/api/alerts', { title: 'Allergic to \u202Enillicinep', to }],
          [nurse, `/api/threads/${thread.id}/messages`, { body: 'Allergic to \u202Enillicinep' }],
        ];
        for (const [as, path, body] of attempts) {
          expect({ path, body, status: (await as.rest.post(path, body)).status }).toEqual({ path, body, status: 400 });
        }
        for (const socket of sockets) {
          for (const event of ['notification:new', 'alert:sent', 'message:new'] as const) {
            await socket.expectNone(event);
          }
        }
      } finally {
        otherClinic.close();
        sockets.forEach((socket) => socket.close());
      }
    });

    it('stores any script, right-to-left included, emoji, tabs and line breaks as they were sent, and reads them back the same', async () => {
      const thread = (await nurse.rest.post<ThreadSummary>('/api/threads', { participantIds: [provider.userId] })).body;
      const path = `/api/threads/${thread.id}/messages`;
      const text = 'Dose:\t5 mg\r\nŁukasz 😀👍🏽 🏴󠁧󠁢󠁳󠁣󠁴󠁿 zero\u200bwidth, דוד כהן room 4';
      const posted = await nurse.rest.post<ChatMessage>(path, { body: text });
      expect(posted.status).toBe(201);
      expect(posted.body.body).toBe(text);
      const [stored] = (await nurse.rest.get<ChatMessage[]>(`${path}?limit=1`)).body;
      expect(stored.body).toBe(text);
    });

    it('refuses a control character in a patient search, which reaches the database', async () => {
      const response = await nurse.rest.get<Refusal>('/api/patients?q=a%00b');
      expect(response.status).toBe(400);
      expect(Object.keys(response.body.fields)).toEqual(['q']);
    });
  });

  describe('instants', () => {
    it('refuses a booking whose start or end Date cannot read as written, naming the field, and books none', async () => {
      const slot = riverside.slotOn(FUTURE_DAY);
      for (const text of NOT_INSTANTS) {
        for (const field of ['startsAt', 'endsAt'] as const) {
          const response = await riverside.request({ ...slot, [field]: text }, { confirmPast: true });
          expect({ text, field, status: response.status }).toEqual({ text, field, status: 400 });
          expect((response.body as unknown as Refusal).fields).toEqual({ [field]: [`${field} ${INSTANT_RULE}`] });
        }
      }
      const day = (await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${FUTURE_DAY}`)).body;
      expect(day.filter((appointment) => appointment.startsAt === slot.startsAt)).toEqual([]);
    });

    it('refuses such a move, and reads an offset as the instant it names', async () => {
      const booked = await riverside.book(riverside.slotOn(FUTURE_DAY));
      for (const text of NOT_INSTANTS) {
        const response = await frontDesk.rest.patch<Refusal>(`/api/appointments/${booked.id}`, { endsAt: text });
        expect({ text, status: response.status }).toEqual({ text, status: 400 });
        expect(response.body.fields).toEqual({ endsAt: [`endsAt ${INSTANT_RULE}`] });
      }
      // 17:00 at UTC-04:00 is 21:00 UTC; the end is 21:15 UTC, written with another offset.
      const moved = await frontDesk.rest.patch<AppointmentSummary>(`/api/appointments/${booked.id}`, {
        startsAt: `${FUTURE_DAY}T17:00:00-04:00`,
        endsAt: `${FUTURE_DAY}T23:15:00.000+02:00`,
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        startsAt: `${FUTURE_DAY}T21:00:00.000Z`,
        endsAt: `${FUTURE_DAY}T21:15:00.000Z`,
      });
    });

    it("refuses a task's due time Date cannot read, and keeps one it can", async () => {
      for (const text of NOT_INSTANTS) {
        const response = await nurse.rest.post<Refusal>('/api/tasks', {
          assigneeId: provider.userId,
          title: 'Call back',
          dueAt: text,
        });
        expect({ text, status: response.status }).toEqual({ text, status: 400 });
        expect(response.body.fields).toEqual({ dueAt: [`dueAt ${INSTANT_RULE}`] });
      }
      const task = await nurse.rest.post<TaskView>('/api/tasks', {
        assigneeId: provider.userId,
        title: 'Call back',
        dueAt: '2031-06-02T09:30:00+02:00',
      });
      expect(task.status).toBe(201);
      expect(task.body.dueAt).toBe('2031-06-02T07:30:00.000Z');
    });

    it('refuses an audit interval Date cannot read, rather than answering an empty audit', async () => {
      const [patient] = riverside.patients;
      const socket = await nurse.connect();
      await socket.command('patient:view-start', { patientId: patient.id });
      await socket.command('patient:view-stop', { patientId: patient.id });
      const audit = (query: string) => admin.rest.get<PatientViewAuditEntry[]>(`/api/audit/patient-views?${query}`);
      const views = await audit('from=2026-01-01T00:00:00-05:00&to=2099-12-31T00:00:00Z');
      expect(views.status).toBe(200);
      expect(views.body.length).toBeGreaterThan(0);
      for (const field of ['from', 'to']) {
        for (const text of [...NOT_INSTANTS, '2099-12-31', '20991231T0000Z']) {
          const response = await audit(new URLSearchParams({ [field]: text }).toString());
          expect({ field, text, status: response.status }).toEqual({ field, text, status: 400 });
          expect((response.body as unknown as Refusal).fields).toEqual({ [field]: [`${field} ${INSTANT_RULE}`] });
        }
      }
    });
  });

  describe('days', () => {
    it('lists the days of the years 1900–9998 and refuses others, rather than a 500 or another century', async () => {
      for (const date of ['1900-01-01', '9998-12-31']) {
        const response = await frontDesk.rest.get<AppointmentSummary[]>(`/api/appointments?date=${date}`);
        expect({ date, status: response.status, body: response.body }).toEqual({ date, status: 200, body: [] });
      }
      // 1950-06-01 has a visit: the year 50 must not list it.
      await riverside.book(riverside.slotOn('1950-06-01'), { confirmPast: true });
      for (const date of ['9999-12-31', '0050-06-01', '1899-12-31', '2026-02-30', '2026-5-4', 'tomorrow']) {
        const response = await frontDesk.rest.get<Refusal>(`/api/appointments?date=${date}`);
        expect({ date, status: response.status }).toEqual({ date, status: 400 });
        expect(response.body.fields).toEqual({
          date: ['date must be a day of the calendar, YYYY-MM-DD, in the years 1900–9998'],
        });
      }
    });
  });
});
