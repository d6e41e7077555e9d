import { ApiServer, eventually, RealtimeTestClient, startApiServer } from '@derm/shared/test-client';
import { describeIdentityBoundRecovery, describeRecoveryOfRooms, TwoClinics } from './support/identity-scenarios';

const MAX_CONNECTIONS = 3;

describe('session recovery is bound to the identity that owns the session', () => {
  let server: ApiServer;
  let clinics: TwoClinics;

  beforeAll(async () => {
    server = await startApiServer();
    clinics = await TwoClinics.signIn(server.url);
  });
  afterAll(async () => {
    clinics?.close();
    await server?.dispose();
  });

  describeIdentityBoundRecovery(() => ({ victimUrl: server.url, attackerUrl: server.url, clinics }));
  describeRecoveryOfRooms(() => ({ victimUrl: server.url, returnUrl: server.url, clinics }));
});

describe('recovering a session twice costs no connection slot', () => {
  let server: ApiServer;
  let clinics: TwoClinics;

  beforeAll(async () => {
    server = await startApiServer({ env: { WS_MAX_CONNECTIONS_PER_USER: String(MAX_CONNECTIONS) } });
    clinics = await TwoClinics.signIn(server.url);
  });
  afterAll(async () => {
    clinics?.close();
    await server?.dispose();
  });

  it('once both attempts are closed, the person opens as many sockets as the cap allows', async () => {
    const { nurse } = clinics;
    const socket = await clinics.nurseInThread(server.url, await clinics.privateThread());
    const credentials = socket.recoveryCredentials;
    await socket.dropTransport();
    const attempts = [];
    for (let i = 0; i < 2; i++) {
      attempts.push(
        await RealtimeTestClient.connect(server.url, nurse.token, { auth: { token: nurse.token, ...credentials } }),
      );
    }
    attempts.forEach((attempt) => attempt.close());

    const opened: RealtimeTestClient[] = [];
    await eventually(
      `the nurse has ${MAX_CONNECTIONS} sockets open`,
      async () => {
        // A refusal means a slot is still held; the closed sockets' slots come back within moments.
        await RealtimeTestClient.connect(server.url, nurse.token).then(
          (opening) => opened.push(opening),
          () => undefined,
        );
        return opened.length === MAX_CONNECTIONS;
      },
      2000,
    );
    opened.forEach((opening) => opening.close());
  });
});
