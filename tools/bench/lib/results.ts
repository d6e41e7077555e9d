/** One measured figure for every target of a run; ratios are taken against the first (the baseline). */
export interface Figure {
  name: string;
  unit: string;
  /** Value per target name, in the order the targets ran: the median of its passes. */
  values: Record<string, number>;
  /** Each target's value in each pass, in the order of the passes. */
  passes: Record<string, number[]>;
  better: 'lower' | 'higher';
  /** The target for this figure, as a ratio against the baseline. */
  target?: string;
}

/** Whether every expected delivery happened exactly once. */
export interface DeliveryCheck {
  expected: number;
  delivered: number;
  missing: number;
  duplicates: number;
  unexpected: number;
}

export interface LatencyPoint {
  target: string;
  sockets: number;
  p50: number;
  p99: number;
}

export interface ScenarioResult {
  scenario: string;
  sockets: number;
  /** How many times every target ran; each figure is the median over them. */
  passes: number;
  /** The target every ratio is taken against. */
  baseline: string;
  figures: Figure[];
  deliveries: Record<string, DeliveryCheck>;
  /** Per target, each load worker's share of one core while measuring. */
  generatorCpu: Record<string, number[]>;
  latency: LatencyPoint[];
  errors: Record<string, string[]>;
}

export const exactlyOnce = (check: DeliveryCheck): boolean =>
  check.missing === 0 && check.duplicates === 0 && check.unexpected === 0 && check.delivered === check.expected;
