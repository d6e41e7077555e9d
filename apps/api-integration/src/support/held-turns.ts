import { Client } from 'pg';
import { ApiServer, createTestDatabase, eventually, startApiServer } from '@derm/shared/test-client';
import { sample, scrape } from './metrics';

/**
 * An API on PostgreSQL serving `inFlight` of a person's REST requests at once, and a connection of
 * the test's own whose lock on the patients table holds every read of it in the database: a
 * person's requests stay in flight for as long as the test needs, and what waits for its turn
 * behind them can be counted (`derm_rest_requests_waiting`).
 */
export interface HeldTurns {
  server: ApiServer;
  lockPatients(): Promise<void>;
  unlockPatients(): Promise<void>;
  untilWaiting(description: string, count: number): Promise<void>;
  dispose(): Promise<void>;
}

export async function startWithHeldTurns(inFlight: number): Promise<HeldTurns> {
  const server = await startApiServer({
    database: await createTestDatabase('postgres'),
    env: { REST_IN_FLIGHT_PER_PERSON: String(inFlight) },
  });
  const locker = new Client({ connectionString: server.database.url });
  await locker.connect();
  const waitingForTurn = async () => sample((await scrape(server.url)).text, 'derm_rest_requests_waiting');
  return {
    server,
    lockPatients: async () => {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE patients IN ACCESS EXCLUSIVE MODE');
    },
    unlockPatients: async () => {
      await locker.query('COMMIT');
    },
    untilWaiting: (description, count) =>
      eventually(description, async () => (await waitingForTurn()) === count, 10_000),
    dispose: async () => {
      await locker.end();
      await server.dispose();
    },
  };
}
