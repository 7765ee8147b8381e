package dev.tollgate.bench.coldstart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Milliseconds from nanoseconds, as "median (min–max)". */
final class Figures {
  private Figures() {}

  static String spread(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "–";
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%s (%s–%s)",
        ms(median(sorted)),
        ms(sorted.get(0)),
        ms(sorted.get(sorted.size() - 1)));
  }

  /** The middle value; of an even count, the lower middle one (an observed value, not a mean). */
  static long median(List<Long> sorted) {
    return sorted.get((sorted.size() - 1) / 2);
  }

  static String ms(long nanos) {
    double ms = nanos / 1e6;
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : String.format(Locale.ROOT, "%.1f", ms);
  }
}
