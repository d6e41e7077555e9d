/**
 * `npm run bench -- --scenario <name> --sockets N`: the project against a bare Socket.IO server
 * in the same run, every figure quoted as a ratio against that baseline. Writes results.json,
 * results.md and latency.svg into `--out` (a temporary folder by default). Exits non-zero when
 * an event was lost or delivered twice. See docs/performance.md.
 */
import { cpus } from 'node:os';
import { commandStorm } from './scenarios/command-storm';
import { connectStorm } from './scenarios/connect-storm';
import { fanout } from './scenarios/fanout';
import { idle } from './scenarios/idle';
import { loginStorm } from './scenarios/login-storm';
import { messageStorm } from './scenarios/message-storm';
import { readStorm } from './scenarios/read-storm';
import { reconnectStorm } from './scenarios/reconnect-storm';
import { parseOptions, ScenarioName } from './lib/options';
import { writeReport } from './lib/report';
import { exactlyOnce, ScenarioResult } from './lib/results';
import { ScenarioRun } from './lib/scenario';

const SCENARIOS: Record<ScenarioName, { run: (run: ScenarioRun) => Promise<void>; sockets: number }> = {
  fanout: { run: fanout, sockets: 200 },
  'connect-storm': { run: connectStorm, sockets: 1000 },
  'reconnect-storm': { run: reconnectStorm, sockets: 1000 },
  'message-storm': { run: messageStorm, sockets: 1000 },
  'login-storm': { run: loginStorm, sockets: 1 },
  // 5,000 sockets' worth of accounts: the flooded list is 500 people long; no socket is opened.
  'read-storm': { run: readStorm, sockets: 5000 },
  // The same clinic; the flooding person's own sockets are the only ones opened.
  'command-storm': { run: commandStorm, sockets: 5000 },
  capacity: { run: fanout, sockets: 19_000 },
  idle: { run: idle, sockets: 5000 },
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results: ScenarioResult[] = [];
  for (const name of options.scenarios) {
    for (const sockets of options.sockets ?? [SCENARIOS[name].sockets]) {
      console.log(`${name}: ${sockets} socket(s)…`);
      const run = new ScenarioRun(options, name, sockets);
      await SCENARIOS[name].run(run);
      results.push(run.result);
    }
  }
  const context = {
    startedBy: process.argv.slice(2).join(' '),
    node: process.version,
    cpus: cpus().length,
    database: options.database,
  };
  console.log(writeReport(options.out, results, context));
  console.log(`\nWritten to ${options.out} (results.json, results.md, latency.svg)`);
  const failed = results.flatMap((r) =>
    Object.entries(r.deliveries)
      .filter(([, check]) => !exactlyOnce(check))
      .map(([target]) => `${r.scenario} on ${target}`),
  );
  if (failed.length) throw new Error(`Events lost or duplicated: ${failed.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
