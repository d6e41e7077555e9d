// Preloaded into each measured server (NODE_OPTIONS=--require): on SIGUSR2 it writes its memory
// (after a full GC), its usage so far (CPU time, event-loop use, time in GC pauses), taken both as
// the signal came and after the probe's own work so that an interval between two readings counts
// none of that work, and its peak event-loop delay since the previous reading, to
// $BENCH_PROBE_DIR/stats.json; a heap snapshot when $BENCH_PROBE_DIR/snapshot-request names a file;
// with BENCH_CPU_PROFILE=1 it profiles the CPU from the start and writes the profile so far when
// $BENCH_PROBE_DIR/cpu-profile-request names a file (--cpu-prof is not allowed in NODE_OPTIONS),
// and next to it, as .heapprofile, what was allocated meanwhile (V8's sampling heap profiler,
// counting objects already collected too: what the collector had to deal with, not what is kept).
const { existsSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { join } = require('node:path');
const { constants, monitorEventLoopDelay, performance, PerformanceObserver } = require('node:perf_hooks');
const { runInNewContext } = require('node:vm');
const v8 = require('node:v8');

const dir = process.env.BENCH_PROBE_DIR;
if (dir) {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The main thread's pauses for garbage collection, leaving out the probe's own forced ones.
  let gcPauseMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!(entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED)) gcPauseMs += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const profiler = process.env.BENCH_CPU_PROFILE === '1' ? new Session() : undefined;
  // One sample per 8 KiB allocated on average: enough for a storm's thousands of handshakes.
  const allocationSampling = {
    samplingInterval: 8192,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  };
  if (profiler) {
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
    profiler.post('HeapProfiler.enable', () => profiler.post('HeapProfiler.startSampling', allocationSampling));
  }
  const writeProfile = (target, done) =>
    profiler.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(target, JSON.stringify(result.profile));
      profiler.post('HeapProfiler.stopSampling', (allocationError, allocations) => {
        if (!allocationError) {
          writeFileSync(target.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(allocations.profile));
        }
        profiler.post('HeapProfiler.startSampling', allocationSampling, () => profiler.post('Profiler.start', done));
      });
    });
  const usage = () => ({ cpu: process.cpuUsage(), eventLoop: performance.eventLoopUtilization(), gcPauseMs });
  process.on('SIGUSR2', () => {
    const usageAtRequest = usage();
    const profileRequest = join(dir, 'cpu-profile-request');
    if (profiler && existsSync(profileRequest)) {
      const target = readFileSync(profileRequest, 'utf8').trim();
      rmSync(profileRequest);
      return writeProfile(target, () => process.emit('SIGUSR2'));
    }
    const request = join(dir, 'snapshot-request');
    if (existsSync(request)) {
      const target = readFileSync(request, 'utf8').trim();
      rmSync(request);
      v8.writeHeapSnapshot(target);
    }
    gc();
    const stats = {
      at: Date.now(),
      memory: process.memoryUsage(),
      usageAtRequest,
      usage: usage(),
      loopDelayMaxMs: loop.max / 1e6,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
    loop.reset();
    writeFileSync(join(dir, 'stats.tmp'), JSON.stringify(stats));
    renameSync(join(dir, 'stats.tmp'), join(dir, 'stats.json'));
  });
}
