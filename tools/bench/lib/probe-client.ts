import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the server has used since it started. */
interface Usage {
  cpu: NodeJS.CpuUsage;
  /** Node's cumulative event-loop utilisation (`performance.eventLoopUtilization()`). */
  eventLoop: { idle: number; active: number };
  /** The main thread's time in garbage-collection pauses, the probe's own left out. */
  gcPauseMs: number;
}

export interface ProbeReading {
  at: number;
  memory: NodeJS.MemoryUsage;
  /** As the probe was asked: where an interval ending at this reading ends. */
  usageAtRequest: Usage;
  /** After the probe's own work (its full GC, a snapshot): where an interval from this reading starts. */
  usage: Usage;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
}

/** The server's CPU time (every thread) between two readings, in ms. */
export function serverCpuMs(from: ProbeReading, to: ProbeReading): number {
  const [start, end] = [from.usage.cpu, to.usageAtRequest.cpu];
  return (end.user + end.system - start.user - start.system) / 1000;
}

/** How long the server's event loop was busy between two readings, in ms, and what share of the time that was (0 to 1). */
export function eventLoopBusy(from: ProbeReading, to: ProbeReading): { ms: number; share: number } {
  const [start, end] = [from.usage.eventLoop, to.usageAtRequest.eventLoop];
  const active = end.active - start.active;
  const idle = end.idle - start.idle;
  return { ms: active, share: active / Math.max(active + idle, 1e-9) };
}

/** The main thread's time in garbage-collection pauses between two readings, in ms. */
export function gcPauseMs(from: ProbeReading, to: ProbeReading): number {
  return to.usageAtRequest.gcPauseMs - from.usage.gcPauseMs;
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
