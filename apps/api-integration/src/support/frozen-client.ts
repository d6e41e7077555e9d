import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * A socket.io-client in a process of its own, which connects, may open a chart, and is then frozen
 * (SIGSTOP) as a laptop put to sleep or a network gone: its TCP connection stays open, but it
 * answers nothing, not even the server's pings.
 */
export interface FreezableClient {
  /** Stops the process: from now on it reads and writes nothing. */
  freeze(): void;
  /** Lets it run again: it reads what waited for it, in order, and answers the pings among it. */
  thaw(): void;
  /** Ends the process, frozen or not. */
  kill(): void;
}

/**
 * Connects as `token` and, given a `patientId`, starts viewing that chart; resolves once the
 * session is ready and the server acknowledged the view.
 */
export async function startFreezableClient(url: string, token: string, patientId?: string): Promise<FreezableClient> {
  const script = `
    const { io } = require(${JSON.stringify(require.resolve('socket.io-client'))});
    const socket = io(process.env.URL, { auth: { token: process.env.TOKEN }, transports: ['websocket'], reconnection: false });
    const report = (ack) => process.stdout.write(JSON.stringify(ack) + '\\n');
    socket.once('session:ready', () =>
      process.env.PATIENT_ID
        ? socket.emit('patient:view-start', { patientId: process.env.PATIENT_ID }, report)
        : report({ ok: true }));
    socket.once('connect_error', (error) => { process.stderr.write(error.message); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, URL: url, TOKEN: token, PATIENT_ID: patientId ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    const answered = once(child.stdout, 'data').then(([line]) => JSON.parse(String(line)) as { ok: boolean });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`The client process exited (${code}) before it was ready`);
    });
    const ack = await Promise.race([answered, exited]);
    if (!ack.ok) throw new Error(`The client could not view the chart: ${JSON.stringify(ack)}`);
  } catch (error) {
    kill();
    throw error;
  }
  return { freeze: () => child.kill('SIGSTOP'), thaw: () => child.kill('SIGCONT'), kill };
}
