import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProbeReading {
  at: number;
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
}

/** The server's CPU time (every thread) between two readings, in ms. */
export function serverCpuMs(from: ProbeReading, to: ProbeReading): number {
  return (to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system) / 1000;
}

/** Reads a server that runs with lib/probe.js preloaded (see there). */
export class ServerProbe {
  readonly dir = mkdtempSync(join(tmpdir(), 'derm-bench-probe-'));
  readonly preload = join(__dirname, 'probe.js');

  /** A reading; also writes a heap snapshot and the CPU profile so far, where files are given. */
  async read(
    pid: number | undefined,
    files: { heapSnapshot?: string; cpuProfile?: string } = {},
  ): Promise<ProbeReading> {
    if (!pid) throw new Error('The server is not running');
    if (files.heapSnapshot) writeFileSync(join(this.dir, 'snapshot-request'), files.heapSnapshot);
    if (files.cpuProfile) writeFileSync(join(this.dir, 'cpu-profile-request'), files.cpuProfile);
    const asked = Date.now();
    process.kill(pid, 'SIGUSR2');
    const file = join(this.dir, 'stats.json');
    for (let waited = 0; waited < 120_000; waited += 20) {
      if (existsSync(file)) {
        const reading = JSON.parse(readFileSync(file, 'utf8')) as ProbeReading;
        if (reading.at >= asked) return reading;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`The server ${pid} did not answer the probe`);
  }
}
