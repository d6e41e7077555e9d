/** At most `permits` holders at once; the others wait in arrival order. */
export class Semaphore {
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly permits: number) {}

  /** Resolves once a permit is held, with what gives it back (calling that again does nothing). */
  async acquire(): Promise<() => void> {
    if (this.holders >= this.permits) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.holders += 1;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.handOver();
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** No permit held, so nobody waits either. */
  get idle(): boolean {
    return this.holders === 0;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** The permit goes straight to the first in line, if any. */
  private handOver(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.holders -= 1;
  }
}
