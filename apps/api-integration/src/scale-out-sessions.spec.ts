import { Cluster, startCluster } from './support/cluster';
import { describeIdentityBoundRecovery, describeRecoveryOfRooms, TwoClinics } from './support/identity-scenarios';
import { describeRevocation } from './support/revocation-scenarios';
import { describeNothingAfterRevocation } from './support/revoked-hear-nothing';

describe('several nodes: sessions never cross identities, and revocation reaches every node', () => {
  let cluster: Cluster;
  let clinics: TwoClinics;

  beforeAll(async () => {
    cluster = await startCluster(2);
    clinics = await TwoClinics.signIn(cluster.nodes[0].url, cluster.nodes[1].url);
  });
  afterAll(async () => {
    clinics?.close();
    await cluster?.dispose();
  });

  describe('a session dropped on node A, presented on node B (restored from Redis)', () => {
    describeIdentityBoundRecovery(() => ({
      victimUrl: cluster.nodes[0].url,
      attackerUrl: cluster.nodes[1].url,
      clinics,
    }));
    describeRecoveryOfRooms(() => ({ victimUrl: cluster.nodes[0].url, returnUrl: cluster.nodes[1].url, clinics }));
  });

  describe('changes made on node A, seen on node B', () => {
    describeRevocation(() => ({ actionUrl: cluster.nodes[0].url, observerUrl: cluster.nodes[1].url }));
    describeNothingAfterRevocation(() => ({ actionUrl: cluster.nodes[0].url, observerUrl: cluster.nodes[1].url }));
  });
});
