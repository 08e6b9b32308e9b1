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
 * Whether memory levelled off: the median of the last third of the samples
 * exceeds the median of the middle third by less than `tolerance` (a
 * share). A process that leaks keeps raising its typical size; one that
 * levels off does not, however high its garbage collector lets single
 * samples peak between collections (peaks are reported beside it).
 */
export function levelsOff(
  samples: number[],
  tolerance = 0.1,
): {
  ok: boolean;
  middleMedian: number;
  lastMedian: number;
  middlePeak: number;
  lastPeak: number;
} {
  const third = Math.floor(samples.length / 3);
  const middle = samples.slice(third, 2 * third);
  const last = samples.slice(2 * third);
  const middleMedian = quantile(middle, 0.5);
  const lastMedian = quantile(last, 0.5);
  return {
    ok: samples.length >= 6 && lastMedian <= middleMedian * (1 + tolerance),
    middleMedian,
    lastMedian,
    middlePeak: Math.max(...middle),
    lastPeak: Math.max(...last),
  };
}
