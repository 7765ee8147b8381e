package dev.tollgate.sample.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The load run's figures as a markdown table, the ratios and the targets they are held to. */
final class LoadReport {
  /** The targets the gateway is held to on the project's 2-core machine. */
  static final double TARGET_PAID_PER_SECOND = 1_000;

  static final double TARGET_ONE_CHANNEL_PER_SECOND = 200;
  static final double TARGET_PAID_P99_MS = 25;

  private final StringBuilder out = new StringBuilder();

  LoadReport heading(String text) {
    out.append("\n").append(text).append("\n\n");
    return this;
  }

  LoadReport line(String text) {
    out.append(text).append("\n");
    return this;
  }

  LoadReport scenarios(List<ScenarioResult> results) {
    line("| scenario | measured | answered 200 | per second | p50 ms | p95 ms | p99 ms | max ms |");
    line("|---|---|---:|---:|---:|---:|---:|---:|");
    for (ScenarioResult r : results) {
      row(r.name(), "whole call", r.latency(), Optional.of(r.perSecond()));
      r.paidRequest().ifPresent(s -> row("", "paid request alone", s, Optional.empty()));
      r.quote().ifPresent(s -> row("", "402 quote alone", s, Optional.empty()));
    }
    line("");
    line("| scenario | seconds | errors | stack CPU s (cores) | payers CPU s (cores) |");
    line("|---|---:|---:|---:|---:|");
    for (ScenarioResult r : results) {
      line(
          "| "
              + r.name()
              + " | "
              + fixed(r.seconds(), 1)
              + " | "
              + r.errorCount()
              + " | "
              + cpu(r.stackCpuSeconds(), r.seconds())
              + " | "
              + cpu(r.payersCpuSeconds(), r.seconds())
              + " |");
    }
    for (ScenarioResult r : results) {
      for (Map.Entry<String, Long> e : r.errors().entrySet()) {
        line("- " + r.name() + ": " + e.getValue() + " × " + e.getKey());
      }
    }
    return this;
  }

  private void row(String name, String what, Latencies.Summary s, Optional<Double> perSecond) {
    line(
        "| "
            + name
            + " | "
            + what
            + " | "
            + String.format(Locale.ROOT, "%,d", s.count())
            + " | "
            + perSecond.map(v -> String.format(Locale.ROOT, "%,.0f", v)).orElse("")
            + " | "
            + fixed(s.p50(), 2)
            + " | "
            + fixed(s.p95(), 2)
            + " | "
            + fixed(s.p99(), 2)
            + " | "
            + fixed(s.max(), 2)
            + " |");
  }

  static String fixed(double value, int decimals) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String cpu(Optional<Double> seconds, double wall) {
    return seconds.map(s -> fixed(s, 1) + " (" + fixed(s / wall, 2) + ")").orElse("—");
  }

  static String verdict(boolean met) {
    return met ? "met" : "**not met**";
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
