/** The q-quantile (0..1) of unsorted samples, nearest rank. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, rank)];
}

/** Latencies and outcomes of one kind of request. */
export class RequestStats {
  readonly latencies: number[] = [];
  ok = 0;
  errors = 0;
  readonly errorSamples: string[] = [];

  record(ms: number, error?: string) {
    this.latencies.push(ms);
    if (error === undefined) {
      this.ok += 1;
    } else {
      this.errors += 1;
      if (this.errorSamples.length < 5) this.errorSamples.push(error);
    }
  }

  summary(seconds: number) {
    return {
      requests: this.ok + this.errors,
      perSecond: (this.ok + this.errors) / seconds,
      p50: quantile(this.latencies, 0.5),
      p99: quantile(this.latencies, 0.99),
      max: this.latencies.length ? Math.max(...this.latencies) : NaN,
      errors: this.errors,
    };
  }
}

/**
 * Whether memory levelled off: the last third of the samples sets no peak
 * more than `tolerance` (a share) above the highest one before it. A
 * process that leaks keeps setting new peaks; one whose garbage collector
 * lets it grow for minutes and then returns the memory (a sawtooth longer
 * than a third of the run) does not.
 */
export function levelsOff(
  samples: number[],
  tolerance = 0.1,
): { ok: boolean; earlierPeak: number; lastPeak: number } {
  const third = Math.floor(samples.length / 3);
  const earlierPeak = Math.max(...samples.slice(0, 2 * third));
  const lastPeak = Math.max(...samples.slice(2 * third));
  return {
    ok: samples.length >= 6 && lastPeak <= earlierPeak * (1 + tolerance),
    earlierPeak,
    lastPeak,
  };
}
