package dev.tollgate.sample.load;

import java.util.Arrays;

/**
 * Response times of one kind of request, in nanoseconds, recorded from many threads. Every sample
 * is kept, so percentiles are exact; a load run records a few hundred thousand at most.
 */
final class Latencies {
  private long[] samples = new long[4_096];
  private int count;

  synchronized void record(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a response time cannot be negative, got " + nanos);
    }
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  /** The samples so far, and a fresh start for the next window. */
  synchronized Summary drain() {
    Summary summary = Summary.of(Arrays.copyOf(samples, count));
    count = 0;
    return summary;
  }

  /** Percentiles of a set of response times, in milliseconds. */
  record Summary(int count, double p50, double p95, double p99, double max) {
    static Summary of(long[] nanos) {
      if (nanos.length == 0) {
        return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return new Summary(
          sorted.length,
          millis(percentile(sorted, 50)),
          millis(percentile(sorted, 95)),
          millis(percentile(sorted, 99)),
          millis(sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile: the smallest sample at or above {@code p}% of them. */
    static long percentile(long[] sorted, double p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
      return nanos / 1_000_000.0;
    }
  }
}
