package dev.tollgate.bench.cost;

/** One line of a bill: what it is for and what it costs, in US dollars. */
public record LineItem(String name, double usd) {
  public LineItem {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a line item needs a name, got '" + name + "'");
    }
    if (!Double.isFinite(usd) || usd < 0) {
      throw new IllegalArgumentException(
          "line item '" + name + "' must cost a finite, non-negative amount, got " + usd);
    }
  }
}
