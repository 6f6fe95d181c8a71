import type { Metric } from 'prom-client';

/** One labelled series; hold it (see `seriesFor`) to record without a lookup. */
export interface HistogramSeries {
  labels: Record<string, string>;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

export interface SeriesHistogramOptions {
  name: string;
  help: string;
  buckets: readonly number[];
}

/**
 * A Prometheus histogram for the request path, exported through a prom-client registry in the
 * same text format as prom-client's own. The caller names each series by a string key it already
 * has, so an observation is one map lookup and a short bucket scan; prom-client instead sorts and
 * hashes the label object on every call.
 */
export class SeriesHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly buckets: readonly number[];
  private series = new Map<string, HistogramSeries>();

  constructor(options: SeriesHistogramOptions) {
    this.name = options.name;
    this.help = options.help;
    this.buckets = [...options.buckets].sort((a, b) => a - b);
  }

  /** Records `value` in the series `key`; `labels` is only called the first time a key is seen. */
  observe(key: string, labels: () => Record<string, string>, value: number): void {
    this.record(this.seriesFor(key, labels), value);
  }

  /**
   * The series `key`, created with `labels()` the first time. A caller may keep it and `record`
   * into it directly; after `reset` it must ask again.
   */
  seriesFor(key: string, labels: () => Record<string, string>): HistogramSeries {
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: labels(),
        counts: new Array<number>(this.buckets.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    return series;
  }

  /** Records `value` in a series obtained from `seriesFor`. */
  record(series: HistogramSeries, value: number): void {
    let index = 0;
    while (index < this.buckets.length && value > this.buckets[index]!) index++;
    series.counts[index]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** The registry's view: cumulative buckets, sum and count per series. */
  get(): {
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { value: number; labels: Record<string, string | number>; metricName: string }[];
  } {
    const values: {
      value: number;
      labels: Record<string, string | number>;
      metricName: string;
    }[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const series of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, index) => {
        cumulative += series.counts[index]!;
        values.push({
          value: cumulative,
          labels: { le: bound, ...series.labels },
          metricName: bucketName,
        });
      });
      values.push(
        { value: series.count, labels: { le: '+Inf', ...series.labels }, metricName: bucketName },
        { value: series.sum, labels: series.labels, metricName: `${this.name}_sum` },
        { value: series.count, labels: series.labels, metricName: `${this.name}_count` },
      );
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    };
  }

  reset(): void {
    this.series = new Map();
  }

  /** For `registry.registerMetric`, whose type only names prom-client's own classes. */
  asMetric(): Metric {
    return this as unknown as Metric;
  }
}
