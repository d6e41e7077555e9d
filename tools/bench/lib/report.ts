import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exactlyOnce, Figure, LatencyPoint, ScenarioResult } from './results';

const format = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : value.toFixed(value >= 10 ? 1 : 2);

const ratio = (value: number) => `${value.toFixed(2)}×`;

/**
 * The ratio of the medians and, over several passes, the range of each pass's own ratio (a
 * target's pass against the baseline's pass that ran just before it): how far one figure moves.
 */
function ratioCell(figure: Figure, baseline: string, target: string): string {
  const base = figure.values[baseline];
  const value = figure.values[target];
  if (target === baseline || base === undefined || value === undefined || base === 0) return '–';
  const basePasses = figure.passes[baseline] ?? [];
  const byPass = (figure.passes[target] ?? []).flatMap((v, i) => (basePasses[i] ? [v / basePasses[i]] : []));
  const range = byPass.length > 1 ? ` (${ratio(Math.min(...byPass))}–${ratio(Math.max(...byPass))} by pass)` : '';
  return `${ratio(value / base)}${range}`;
}

/** One markdown section per scenario: each figure per target, and its ratio against the baseline. */
export function markdown(results: ScenarioResult[]): string {
  return results
    .map((result) => {
      const targets = [...new Set(result.figures.flatMap((f) => Object.keys(f.values)))];
      const others = targets.filter((t) => t !== result.baseline);
      const header = `| figure | ${targets.join(' | ')} | ${others.map((t) => `ratio ${t}`).join(' | ')} | target |`;
      const rows = result.figures.map(
        (f) =>
          `| ${f.name}${f.unit ? ` (${f.unit})` : ''} | ${targets.map((t) => format(f.values[t])).join(' | ')} | ${others
            .map((t) => ratioCell(f, result.baseline, t))
            .join(' | ')} | ${f.target ?? ''} |`,
      );
      const notes = [
        ...Object.entries(result.deliveries).map(
          ([t, c]) =>
            `- ${t}: ${exactlyOnce(c) ? 'every event delivered exactly once' : 'DELIVERY CHECK FAILED'} (${c.delivered}/${c.expected} delivered, ${c.missing} missing, ${c.duplicates} duplicate, ${c.unexpected} unexpected)`,
        ),
        ...Object.entries(result.generatorCpu).map(
          ([t, shares]) =>
            `- load generator CPU while measuring ${t}: ${shares.map((s) => `${(s * 100).toFixed(0)}%`).join(', ')} of a core per worker`,
        ),
        ...Object.entries(result.errors).map(
          ([t, errors]) => `- ${t}: ${errors.length} error(s), first: ${errors.slice(0, 3).join('; ')}`,
        ),
      ];
      const passes = result.passes > 1 ? `; each figure the median of ${result.passes} interleaved passes` : '';
      return [
        `### ${result.scenario}, ${result.sockets} sockets (ratios against ${result.baseline}${passes})`,
        '',
        header,
        `|${'---|'.repeat(targets.length + others.length + 2)}`,
        ...rows,
        '',
        ...notes,
      ].join('\n');
    })
    .join('\n\n');
}

const COLOURS = ['#1b6ca8', '#c0392b', '#27ae60', '#8e44ad'];

/** Latency against socket count: full fan-out p50 (solid) and delivery p99 (dashed) per target. */
export function latencyChart(points: LatencyPoint[]): string {
  const width = 640;
  const height = 360;
  const pad = { left: 60, right: 20, top: 30, bottom: 50 };
  const xs = points.map((p) => p.sockets);
  const maxX = Math.max(...xs, 1);
  const maxY = Math.max(...points.flatMap((p) => [p.p50, p.p99]), 1) * 1.1;
  const x = (v: number) => pad.left + (v / maxX) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const targets = [...new Set(points.map((p) => p.target))];
  const series = targets.flatMap((target, i) => {
    const mine = points.filter((p) => p.target === target).sort((a, b) => a.sockets - b.sockets);
    const line = (pick: (p: LatencyPoint) => number, dash: string) =>
      `<polyline fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="2" ${dash} points="${mine.map((p) => `${x(p.sockets).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ')}"/>` +
      mine
        .map(
          (p) =>
            `<circle cx="${x(p.sockets).toFixed(1)}" cy="${y(pick(p)).toFixed(1)}" r="3" fill="${COLOURS[i % COLOURS.length]}"/>`,
        )
        .join('');
    return [
      line((p) => p.p50, ''),
      line((p) => p.p99, 'stroke-dasharray="6 4"'),
      `<text x="${pad.left + 10}" y="${pad.top + 16 * (i + 1)}" fill="${COLOURS[i % COLOURS.length]}" font-size="12">${target}</text>`,
    ];
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].flatMap((t) => [
    `<text x="${pad.left - 6}" y="${y(maxY * t) + 4}" text-anchor="end" font-size="11">${(maxY * t).toFixed(0)}</text>`,
    `<text x="${x(maxX * t)}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">${(maxX * t).toFixed(0)}</text>`,
  ]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">Latency against sockets: full fan-out p50 (solid), delivery p99 (dashed), ms</text>
<line x1="${pad.left}" y1="${y(0)}" x2="${width - pad.right}" y2="${y(0)}" stroke="black"/>
<line x1="${pad.left}" y1="${y(0)}" x2="${pad.left}" y2="${pad.top}" stroke="black"/>
<text x="${width / 2}" y="${height - 12}" text-anchor="middle" font-size="12">sockets</text>
${[...ticks, ...series].join('\n')}
</svg>
`;
}

export function writeReport(out: string, results: ScenarioResult[], context: Record<string, unknown>): string {
  const md = markdown(results);
  writeFileSync(join(out, 'results.json'), JSON.stringify({ ...context, results }, null, 2));
  writeFileSync(join(out, 'results.md'), `${md}\n`);
  writeFileSync(join(out, 'latency.svg'), latencyChart(results.flatMap((r) => r.latency)));
  return md;
}
