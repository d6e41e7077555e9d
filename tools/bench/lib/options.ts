import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const SCENARIOS = [
  'fanout',
  'connect-storm',
  'reconnect-storm',
  'message-storm',
  'login-storm',
  'read-storm',
  'command-storm',
  'capacity',
  'idle',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenarios: ScenarioName[];
  /** Socket counts; each scenario runs once per count (the chart plots latency against them). */
  sockets: number[] | undefined;
  rounds: number;
  workers: number | undefined;
  /** Handshakes in flight per worker. */
  concurrency: number;
  database: 'sqlite' | 'postgres';
  /** Run the API as a scale-out node: REDIS_URL to a redis-server of the run's own. */
  redis: boolean;
  out: string;
  cpuProfile: boolean;
  heapSnapshot: boolean;
  /** Built API entry points to compare with the current build (before/after in one run). */
  compare: string[];
  /** Leave out the bare Socket.IO baseline (only where a scenario has another baseline). */
  bare: boolean;
  rate: number;
  durationS: number;
  /** Passes over every target; figures are medians. */
  repeat: number;
}

const USAGE = `npm run bench -- [--scenario ${SCENARIOS.join('|')}[,…]] [--sockets N[,N…]] [--rounds N]
  [--workers N] [--concurrency N] [--database sqlite|postgres] [--redis] [--out DIR] [--cpu-prof] [--heap-snapshot]
  [--compare path/to/other/main.js] [--no-bare] [--rate messages/s] [--duration s] [--repeat N]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', default: 'fanout' },
      sockets: { type: 'string' },
      rounds: { type: 'string', default: '20' },
      workers: { type: 'string' },
      concurrency: { type: 'string', default: '50' },
      database: { type: 'string', default: process.env['TEST_DATABASE'] === 'postgres' ? 'postgres' : 'sqlite' },
      redis: { type: 'boolean', default: false },
      out: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'heap-snapshot': { type: 'boolean', default: false },
      compare: { type: 'string', multiple: true, default: [] },
      'no-bare': { type: 'boolean', default: false },
      rate: { type: 'string', default: '20' },
      duration: { type: 'string', default: '15' },
      repeat: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scenarios = values.scenario.split(',') as ScenarioName[];
  const unknown = scenarios.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(', ')}\n${USAGE}`);
  const count = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number, not ${value}`);
    return n;
  };
  if (values.database !== 'sqlite' && values.database !== 'postgres')
    throw new Error(`--database is sqlite or postgres\n${USAGE}`);
  const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'derm-bench-')));
  mkdirSync(out, { recursive: true });
  return {
    scenarios,
    sockets: values.sockets?.split(',').map((n) => count('sockets', n)),
    rounds: count('rounds', values.rounds),
    workers: values.workers === undefined ? undefined : count('workers', values.workers),
    concurrency: count('concurrency', values.concurrency),
    database: values.database,
    redis: values.redis,
    out,
    cpuProfile: values['cpu-prof'],
    heapSnapshot: values['heap-snapshot'],
    compare: values.compare.map((entry) => resolve(entry)),
    bare: !values['no-bare'],
    rate: count('rate', values.rate),
    repeat: count('repeat', values.repeat),
    durationS: count('duration', values.duration),
  };
}

/** One worker per 2,500 sockets, at least one: a worker then stays well under a core. */
export const workersFor = (options: BenchOptions, sockets: number): number =>
  options.workers ?? Math.max(1, Math.ceil(sockets / 2500));
