/**
 * Prints where a server spent its time or memory, from what `npm run bench -- --cpu-prof
 * --heap-snapshot` wrote: the top functions by self time of a .cpuprofile, by bytes allocated of
 * a .heapprofile (with the total, which divided by the handshakes gives bytes per handshake), or
 * the top constructors by self size of a .heapsnapshot. With `--total`, a .cpuprofile's functions
 * by total time instead (their own and their callees', counted once per sample), which shows what a
 * part of the code costs with everything it calls, such as a broadcast with its socket writes.
 *
 *   SWC_NODE_PROJECT=tools/bench/tsconfig.json node -r @swc-node/register tools/bench/summarize-profile.ts FILE [TOP] [--total]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface AllocationNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: AllocationNode[];
}
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: ArrayLike<number>;
  strings: string[];
}

/**
 * A snapshot of thousands of sockets is larger than the longest string V8 can hold, so its
 * sections are cut out of the file's bytes: the node numbers are scanned, the rest parsed.
 */
function readHeapSnapshot(file: string): HeapSnapshot {
  const bytes = readFileSync(file);
  const section = (name: string) => {
    const start = bytes.indexOf(`"${name}":`) + name.length + 3;
    let depth = 0;
    let end = start;
    do {
      const c = bytes[end++];
      if (c === 0x5b || c === 0x7b) depth++;
      if (c === 0x5d || c === 0x7d) depth--;
    } while (depth > 0 && end < bytes.length);
    return { start, end };
  };
  const meta = section('snapshot');
  const strings = bytes.indexOf('"strings":');
  const nodesAt = section('nodes');
  const nodes: number[] = [];
  let value = -1;
  for (let i = nodesAt.start; i < nodesAt.end; i++) {
    const c = bytes[i];
    if (c >= 0x30 && c <= 0x39) value = (value < 0 ? 0 : value * 10) + (c - 0x30);
    else if (value >= 0) {
      nodes.push(value);
      value = -1;
    }
  }
  return {
    snapshot: JSON.parse(bytes.subarray(meta.start, meta.end).toString('utf8')),
    nodes,
    strings: JSON.parse(`{${bytes.subarray(strings).toString('utf8')}`).strings,
  };
}

/** CPU profiles name files as `file://` URLs, allocation profiles as paths. */
const shortUrl = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^(?:file:\/\/)?\/.*\/dist\//, 'dist/');

/** How a function is named in a summary: its name, file and line. */
const frameName = ({ functionName, url, lineNumber }: ProfileNode['callFrame']) =>
  `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;

/** Each sample's function alone, or (`withCallers`) every function on its stack, each once. */
function cpuTop(profile: CpuProfile, top: number, withCallers: boolean): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const callerOf = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  const stackOf = (id: number): string[] => {
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = withCallers ? callerOf.get(at) : undefined) {
      names.add(frameName(byNode.get(at)?.callFrame ?? { functionName: '?', url: '', lineNumber: 0 }));
    }
    return [...names];
  };
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    for (const key of stackOf(id)) time.set(key, (time.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...time]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, micros]) =>
        `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`,
    );
}

function allocationTop(profile: { head: AllocationNode }, top: number): string[] {
  const bytesBy = new Map<string, number>();
  let total = 0;
  const visit = ({ callFrame, selfSize, children }: AllocationNode) => {
    const key = frameName(callFrame);
    bytesBy.set(key, (bytesBy.get(key) ?? 0) + selfSize);
    total += selfSize;
    children.forEach(visit);
  };
  visit(profile.head);
  return [
    `allocated in all: ${(total / 1024 / 1024).toFixed(1)} MiB`,
    ...[...bytesBy]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([key, bytes]) =>
          `${((bytes / total) * 100).toFixed(1).padStart(5)}%  ${(bytes / 1024).toFixed(0).padStart(8)} KiB  ${key}`,
      ),
  ];
}

function heapTop(snapshot: HeapSnapshot, top: number): string[] {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byName = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' ? snapshot.strings[snapshot.nodes[i + nameAt]] : `(${type})`;
    const entry = byName.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snapshot.nodes[i + sizeAt];
    total += snapshot.nodes[i + sizeAt];
    byName.set(name, entry);
  }
  return [...byName]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, top)
    .map(
      ([name, { count, bytes }]) =>
        `${((bytes / total) * 100).toFixed(1).padStart(5)}%  ${(bytes / 1024).toFixed(0).padStart(8)} KiB  ${String(count).padStart(8)}×  ${name}`,
    );
}

const args = process.argv.slice(2);
const [file, top = '25'] = args.filter((arg) => arg !== '--total');
if (!file) {
  throw new Error('Usage: summarize-profile.ts FILE.cpuprofile|FILE.heapprofile|FILE.heapsnapshot [TOP] [--total]');
}
const summary = file.endsWith('.heapsnapshot')
  ? heapTop(readHeapSnapshot(file), Number(top))
  : file.endsWith('.heapprofile')
    ? allocationTop(JSON.parse(readFileSync(file, 'utf8')), Number(top))
    : cpuTop(JSON.parse(readFileSync(file, 'utf8')), Number(top), args.includes('--total'));
console.log(summary.join('\n'));
