package dev.tollgate.bench.cost;

import java.util.Objects;

/** One non-price input of the model (a duration, a size, a count) and where it comes from. */
public record Figure(String name, double value, String unit, Source source) {
  public Figure {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a figure needs a name, got '" + name + "'");
    }
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(
          "figure '" + name + "' must be finite and not negative, got " + value);
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source of " + name);
  }
}
