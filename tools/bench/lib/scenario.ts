import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LoadWorkers } from './load-workers';
import { BenchOptions, workersFor } from './options';
import { DeliveryCheck, Figure, LatencyPoint, ScenarioResult } from './results';
import { percentile } from './stats';
import { startApi, startBare, Target, TargetOptions } from './targets';

/**
 * What a scenario gets: its socket count, and each target in turn with fresh load workers. With
 * `--repeat N` the targets run N times over, interleaved, and each figure is the median of its N
 * values, so that a slow moment of the machine weighs on one pass rather than on one target.
 */
export class ScenarioRun {
  readonly result: ScenarioResult;
  private readonly samples = new Map<string, number[]>();

  constructor(
    readonly options: BenchOptions,
    scenario: string,
    readonly sockets: number,
  ) {
    this.result = {
      scenario,
      sockets,
      passes: options.repeat,
      baseline: '',
      figures: [],
      deliveries: {},
      generatorCpu: {},
      latency: [],
      errors: {},
    };
  }

  /** Runs `measure` against the bare baseline, this build, and any `--compare` builds, one at a time. */
  async eachTarget(
    measure: (target: Target, workers: LoadWorkers) => Promise<void>,
    withBare = this.options.bare,
    { budget }: Pick<TargetOptions, 'budget'> = {},
  ): Promise<void> {
    const { database, redis, cpuProfile, compare } = this.options;
    const api = { sockets: this.sockets, database, redis, cpuProfile, budget };
    const starts = [
      ...(withBare ? [() => startBare({ sockets: this.sockets, database, cpuProfile })] : []),
      () => startApi(api),
      ...compare.map((entry) => () => startApi({ ...api, entry })),
    ];
    for (let pass = 0; pass < this.options.repeat; pass++) {
      for (const start of starts) {
        const target = await start();
        this.result.baseline ||= target.name;
        const workers = new LoadWorkers(workersFor(this.options, this.sockets), this.workerProfileDir(target.name));
        try {
          await measure(target, workers);
        } finally {
          workers.dispose();
          await target.dispose();
        }
      }
    }
  }

  /** With `--cpu-prof`, where the load workers' own profiles go while they measure a target. */
  private workerProfileDir(target: string): string | undefined {
    if (!this.options.cpuProfile) return undefined;
    return `${this.profileStem(target)}-workers`;
  }

  /**
   * Where a target's CPU profile and heap snapshot of this run go, when asked for. A profile
   * covers the time since the previous one was written: a `phase` names an earlier part.
   */
  profileFiles(target: string, phase?: string): { heapSnapshot?: string; cpuProfile?: string } {
    const stem = `${this.profileStem(target)}${phase ? `-${phase}` : ''}`;
    return {
      ...(this.options.heapSnapshot ? { heapSnapshot: `${stem}.heapsnapshot` } : {}),
      ...(this.options.cpuProfile ? { cpuProfile: `${stem}.cpuprofile` } : {}),
    };
  }

  /** Where a target's profiles of this run go, named by scenario, socket count and target. */
  private profileStem(target: string): string {
    const dir = join(this.options.out, 'profiles');
    mkdirSync(dir, { recursive: true });
    return join(dir, `${this.result.scenario}-${this.sockets}-${target.replace(/\W+/g, '-')}`);
  }

  figure(target: string, name: string, unit: string, better: Figure['better'], value: number, goal?: string): void {
    let figure = this.result.figures.find((f) => f.name === name);
    if (!figure) {
      figure = { name, unit, better, values: {}, passes: {}, ...(goal ? { target: goal } : {}) };
      this.result.figures.push(figure);
    }
    if (goal) figure.target = goal;
    const key = `${name}|${target}`;
    figure.values[target] = this.median(key, value);
    figure.passes[target] = this.samples.get(key) ?? [];
  }

  /** Summed over passes: exactly once means exactly once in every pass. */
  deliveries(target: string, check: DeliveryCheck): void {
    const sum = this.result.deliveries[target];
    this.result.deliveries[target] = sum
      ? {
          expected: sum.expected + check.expected,
          delivered: sum.delivered + check.delivered,
          missing: sum.missing + check.missing,
          duplicates: sum.duplicates + check.duplicates,
          unexpected: sum.unexpected + check.unexpected,
        }
      : check;
  }

  generatorCpu(target: string, shares: number[]): void {
    this.result.generatorCpu[target] = [...(this.result.generatorCpu[target] ?? []), ...shares];
  }

  latency({ target, sockets, p50, p99 }: LatencyPoint): void {
    const point = {
      target,
      sockets,
      p50: this.median(`latency p50|${target}`, p50),
      p99: this.median(`latency p99|${target}`, p99),
    };
    const index = this.result.latency.findIndex((p) => p.target === target && p.sockets === sockets);
    if (index === -1) this.result.latency.push(point);
    else this.result.latency[index] = point;
  }

  errors(target: string, errors: string[]): void {
    if (errors.length) this.result.errors[target] = [...(this.result.errors[target] ?? []), ...errors];
  }

  /** Records one pass's value and returns the median of the passes so far. */
  private median(key: string, value: number): number {
    const values = [...(this.samples.get(key) ?? []), value];
    this.samples.set(key, values);
    return percentile(values, 0.5);
  }
}
