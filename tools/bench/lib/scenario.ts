import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LoadWorkers } from './load-workers';
import { BenchOptions, workersFor } from './options';
import { DeliveryCheck, Figure, LatencyPoint, ScenarioResult } from './results';
import { startApi, startBare, Target } from './targets';

/** What a scenario gets: its socket count, and each target in turn with fresh load workers. */
export class ScenarioRun {
  readonly result: ScenarioResult;

  constructor(
    readonly options: BenchOptions,
    scenario: string,
    readonly sockets: number,
  ) {
    this.result = { scenario, sockets, baseline: '', figures: [], deliveries: {}, generatorCpu: {}, latency: [], errors: {} };
  }

  /** Runs `measure` against the bare baseline, this build, and any `--compare` builds, one at a time. */
  async eachTarget(measure: (target: Target, workers: LoadWorkers) => Promise<void>, withBare = this.options.bare): Promise<void> {
    const { database, cpuProfile, compare } = this.options;
    const starts = [
      ...(withBare ? [() => startBare({ sockets: this.sockets, database, cpuProfile })] : []),
      () => startApi({ sockets: this.sockets, database, cpuProfile }),
      ...compare.map((entry) => () => startApi({ sockets: this.sockets, database, cpuProfile, entry })),
    ];
    for (const start of starts) {
      const target = await start();
      this.result.baseline ||= target.name;
      const workers = new LoadWorkers(workersFor(this.options, this.sockets));
      try {
        await measure(target, workers);
      } finally {
        workers.dispose();
        await target.dispose();
      }
    }
  }

  /** Where a target's CPU profile and heap snapshot of this run go, when asked for. */
  profileFiles(target: string): { heapSnapshot?: string; cpuProfile?: string } {
    const dir = join(this.options.out, 'profiles');
    mkdirSync(dir, { recursive: true });
    const stem = join(dir, `${this.result.scenario}-${this.sockets}-${target.replace(/\W+/g, '-')}`);
    return {
      ...(this.options.heapSnapshot ? { heapSnapshot: `${stem}.heapsnapshot` } : {}),
      ...(this.options.cpuProfile ? { cpuProfile: `${stem}.cpuprofile` } : {}),
    };
  }

  figure(target: string, name: string, unit: string, better: Figure['better'], value: number, goal?: string): void {
    let figure = this.result.figures.find((f) => f.name === name);
    if (!figure) {
      figure = { name, unit, better, values: {}, ...(goal ? { target: goal } : {}) };
      this.result.figures.push(figure);
    }
    if (goal) figure.target = goal;
    figure.values[target] = value;
  }

  deliveries(target: string, check: DeliveryCheck): void {
    this.result.deliveries[target] = check;
  }

  generatorCpu(target: string, shares: number[]): void {
    this.result.generatorCpu[target] = shares;
  }

  latency(point: LatencyPoint): void {
    this.result.latency.push(point);
  }

  errors(target: string, errors: string[]): void {
    if (errors.length) this.result.errors[target] = errors;
  }
}
