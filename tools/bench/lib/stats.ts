/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes of one machine. */
export const now = (): number => performance.timeOrigin + performance.now();

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? sorted[0];
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function distribution(values: readonly number[]): Distribution {
  return {
    count: values.length,
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    p99: percentile(values, 0.99),
    // Not Math.max(...values): a 19k-socket run has more values than a call can take arguments.
    max: values.reduce((max, value) => Math.max(max, value), values.length ? -Infinity : NaN),
  };
}

/** `value / baseline`, the form every figure of this benchmark is quoted in. */
export const ratio = (value: number, baseline: number): number => value / baseline;
