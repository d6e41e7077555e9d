/**
 * Broadcast fan-out benchmark: N sockets of one clinic; each round creates an appointment over
 * REST and waits until every socket has received `appointment:created`. The same rounds run
 * against a bare Socket.IO server (no auth, database or event bus) in the same command, so the
 * figures are ratios against that baseline. Also memory per connected socket (RSS).
 *
 *   npm run bench            (SOCKETS=200 ROUNDS=40 by default)
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, Socket } from 'socket.io-client';
import { PatientSummary, StaffMember } from '@derm/shared/contracts';
import { freePort, login, RestClient, startApiServer } from '@derm/shared/test-client';

const SOCKETS = Number(process.env['SOCKETS'] ?? 200);
const ROUNDS = Number(process.env['ROUNDS'] ?? 40);

const rssMiB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '')) / 1024;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)];

async function connectAll(url: string, auth?: { token: string }): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    await once(socket, auth ? 'session:ready' : 'connect');
    sockets.push(socket);
  }
  return sockets;
}

/** Milliseconds from the trigger until the last socket has the event, per round. */
async function rounds(sockets: Socket[], trigger: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    const all = Promise.all(sockets.map((s) => once(s, 'appointment:created')));
    await trigger();
    await all;
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return latencies;
}

async function measure(name: string, url: string, pid: number, auth: { token: string } | undefined, trigger: () => Promise<void>) {
  await rounds(await connectAll(url, auth).then((s) => s.slice(0, 1)), trigger);
  const idle = rssMiB(pid);
  const sockets = await connectAll(url, auth);
  const perSocketKiB = ((rssMiB(pid) - idle) * 1024) / SOCKETS;
  const latencies = await rounds(sockets, trigger);
  sockets.forEach((s) => s.close());
  return { name, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), perSocketKiB };
}

async function main(): Promise<void> {
  const port = await freePort();
  const bare = fork(join(__dirname, 'bare-socketio-server.js'), { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  await once(bare, 'message');
  const bareUrl = `http://127.0.0.1:${port}`;
  const baseline = await measure('bare Socket.IO', bareUrl, bare.pid!, undefined, async () => {
    await fetch(`${bareUrl}/emit`, { method: 'POST' });
  });
  bare.kill();

  // One person holds every socket (both batches of measure() at once) and makes every change:
  // lift the per-person limits for it.
  const api = await startApiServer({
    env: { WS_RATE_LIMIT_POINTS: '100000', WS_MAX_CONNECTIONS_PER_USER: String(2 * SOCKETS), REST_WRITE_POINTS: '100000' },
  });
  try {
    const session = await login(api.url, 'frontdesk@riverside.test');
    const rest = new RestClient(api.url, session.accessToken);
    const patient = (await rest.get<PatientSummary[]>('/api/patients')).body[0];
    const provider = (await rest.get<StaffMember[]>('/api/staff')).body.find((s) => s.role === 'provider')!;
    let minute = 0;
    const derm = await measure('derm-realtime', api.url, api.pid!, { token: session.accessToken }, async () => {
      const startsAt = new Date(Date.UTC(2030, 0, 1, 8, minute++));
      const { status } = await rest.post('/api/appointments', {
        patientId: patient.id,
        providerId: provider.id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
      });
      if (status !== 201) throw new Error(`create answered ${status}`);
    });
    console.log(`broadcast fan-out: ${SOCKETS} sockets, ${ROUNDS} rounds (REST request → last socket has the event)`);
    for (const r of [baseline, derm]) {
      console.log(`  ${r.name.padEnd(16)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  memory ${r.perSocketKiB.toFixed(1)} KiB/socket`);
    }
    console.log(
      `  ratio derm-realtime / bare: p50 ×${(derm.p50 / baseline.p50).toFixed(2)}, p95 ×${(derm.p95 / baseline.p95).toFixed(2)}, memory/socket ×${(derm.perSocketKiB / baseline.perSocketKiB).toFixed(2)}`,
    );
  } finally {
    await api.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
