import { ApiServer, startApiServer } from '@derm/shared/test-client';
import { describeIdentityBoundRecovery, describeRecoveryOfRooms, TwoClinics } from './support/identity-scenarios';

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
