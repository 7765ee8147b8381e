package dev.tollgate.bench.cost;

import java.util.Objects;

/**
 * A list price as the price page quotes it: {@code usd} for every {@code per} {@code unit}s, e.g.
 * $0.15 per 10,000 requests. Kept in that form so the document shows the figure that was read.
 */
public record Price(String name, double usd, double per, String unit, Source source) {
  public Price {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a price needs a name, got '" + name + "'");
    }
    if (!Double.isFinite(usd) || usd < 0) {
      throw new IllegalArgumentException(
          "price '" + name + "' must be finite and not negative, got " + usd);
    }
    if (!Double.isFinite(per) || per <= 0) {
      throw new IllegalArgumentException(
          "price '" + name + "' must be per a positive quantity, got " + per);
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source of " + name);
  }

  /** What {@code quantity} units cost. */
  public double usdFor(double quantity) {
    if (!Double.isFinite(quantity) || quantity < 0) {
      throw new IllegalArgumentException(
          "quantity of '" + name + "' must be finite and not negative, got " + quantity);
    }
    return usd * quantity / per;
  }

  /** The price as quoted, e.g. "$0.15 per 10,000 requests". */
  public String quoted() {
    String amount = usd < 0.001 ? String.format("%.10f", usd).replaceAll("0+$", "") : trim(usd);
    String quantity = per == 1 ? "" : String.format("%,.0f ", per);
    return "$" + amount + " per " + quantity + unit;
  }

  private static String trim(double value) {
    String cents = String.format("%.2f", value);
    return Double.parseDouble(cents) == value
        ? cents
        : String.format("%.4f", value).replaceAll("0+$", "");
  }
}
