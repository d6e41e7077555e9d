import { io } from 'socket.io-client';
import { RestClient } from '@derm/shared/test-client';
import { ScenarioRun } from '../lib/scenario';
import { distribution, now } from '../lib/stats';
import { MESSAGE_EVENT, signIn } from '../lib/targets';

const PARALLEL_SIGN_INS = 20;
const DEMO_PASSWORD = 'demo-password';
const OTHER_CLINIC = ['provider', 'nurse', 'frontdesk', 'admin'].map((login) => `${login}@lakeside.test`);

/**
 * A message round trip in one clinic (Riverside: the nurse posts over REST, the provider's socket
 * receives it), first idle, then while another clinic (Lakeside) keeps 20 sign-ins in flight.
 * The baseline is the idle round trip of the same run: the target is storm p95 ≤ 1.5× idle p95.
 */
export async function loginStorm(run: ScenarioRun): Promise<void> {
  const { options } = run;
  await run.eachTarget(async (target) => {
    const sender = await signIn(target.url, 'nurse@riverside.test', DEMO_PASSWORD);
    const receiver = await signIn(target.url, 'provider@riverside.test', DEMO_PASSWORD);
    const rest = new RestClient(target.url, sender.accessToken);
    const thread = (
      await rest.post<{ id: string }>('/api/threads', {
        participantIds: [receiver.user.id],
        subject: 'Bench round trips',
      })
    ).body;
    const socket = io(target.url, {
      auth: { token: receiver.accessToken },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('session:ready', resolve));

    const roundTrip = async () => {
      const started = now();
      const arrived = new Promise<void>((resolve) => {
        const seen = (envelope: { data: { threadId: string } }) => {
          if (envelope.data.threadId !== thread.id) return;
          socket.off(MESSAGE_EVENT, seen);
          resolve();
        };
        socket.on(MESSAGE_EVENT, seen);
      });
      const { status } = await rest.post(`/api/threads/${thread.id}/messages`, { body: 'Round trip' });
      if (status !== 201) throw new Error(`Posting a message answered ${status}`);
      await arrived;
      return now() - started;
    };
    const rounds = async () => {
      const times: number[] = [];
      for (let round = 0; round < options.rounds; round++) times.push(await roundTrip());
      return times;
    };

    await roundTrip();
    const idle = distribution(await rounds());
    let storming = true;
    const signIns: number[] = [];
    const statuses = new Map<number, number>();
    const signInLoop = async (lane: number) => {
      while (storming) {
        const started = now();
        const response = await fetch(`${target.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: OTHER_CLINIC[lane % OTHER_CLINIC.length], password: DEMO_PASSWORD }),
        });
        await response.arrayBuffer();
        signIns.push(now() - started);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const stormStarted = now();
    const lanes = Array.from({ length: PARALLEL_SIGN_INS }, (_, lane) => signInLoop(lane));
    const storm = distribution(await rounds());
    storming = false;
    await Promise.all(lanes);
    const stormSeconds = (now() - stormStarted) / 1000;
    socket.close();

    const name = target.name;
    run.result.baseline = 'idle';
    run.figure('idle', 'round trip p50', 'ms', 'lower', idle.p50);
    run.figure('idle', 'round trip p95', 'ms', 'lower', idle.p95);
    run.figure(name, 'round trip p50', 'ms', 'lower', storm.p50);
    run.figure(name, 'round trip p95', 'ms', 'lower', storm.p95, '≤ 1.5×');
    run.figure(name, 'sign-in p50 during the storm', 'ms', 'lower', distribution(signIns).p50);
    run.figure(name, 'sign-ins/s during the storm', '/s', 'higher', signIns.length / stormSeconds);
    run.errors(
      name,
      [...statuses]
        .filter(([status]) => status !== 200)
        .map(([status, count]) => `${count} sign-in(s) answered ${status}`),
    );
  }, false);
}
