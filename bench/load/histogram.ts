import type { Distribution } from './stats';

/**
 * A latency histogram in fixed memory: buckets grow by 1 % from 10 µs to 1,000 s, so a
 * percentile is exact to 1 % whatever the number of samples, and histograms from several
 * processes merge by adding counts. It replaces the arrays of samples the bench kept before
 * (one number per ripple, per run and per minute).
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(1e6 / MIN_MS) / LOG_GROWTH) + 2;

/** What crosses the process boundary: only the buckets that hold something. */
export interface HistogramData {
  buckets: [index: number, count: number][];
  count: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const value = Math.max(0, ms);
    const index =
      value <= MIN_MS ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(value / MIN_MS) / LOG_GROWTH));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.count++;
    if (value > this.max) this.max = value;
  }

  /** The value at or below which a share `q` (0..1) of the samples lie: a bucket's upper edge, at most `max`. */
  percentile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, MIN_MS * GROWTH ** i);
    }
    return this.max;
  }

  distribution(): Distribution {
    return {
      count: this.count,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: this.count > 0 ? this.max : Number.NaN,
    };
  }

  add(data: HistogramData): void {
    for (const [index, count] of data.buckets) this.counts[index] = (this.counts[index] ?? 0) + count;
    this.count += data.count;
    this.max = Math.max(this.max, data.max);
  }

  toData(): HistogramData {
    const buckets: [number, number][] = [];
    this.counts.forEach((count, index) => {
      if (count > 0) buckets.push([index, count]);
    });
    return { buckets, count: this.count, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    const histogram = new Histogram();
    histogram.add(data);
    return histogram;
  }
}
