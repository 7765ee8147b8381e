package dev.tollgate.bench.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Dollar amounts for tables: enough digits to tell small lines apart, no more. */
final class Money {
  private Money() {}

  static String usd(double usd) {
    if (usd == 0) {
      return "$0";
    }
    if (usd >= 1_000) {
      return String.format(Locale.ROOT, "$%,.0f", usd);
    }
    if (usd >= 1) {
      return String.format(Locale.ROOT, "$%.2f", usd);
    }
    if (usd >= 0.01) {
      return String.format(Locale.ROOT, "$%.3f", usd);
    }
    // two significant digits, written out: "$0.0015", "$0.000015", never "$1.5e-05"
    return "$" + new BigDecimal(usd).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }

  static String gas(double gas) {
    return gas >= 100
        ? String.format(Locale.ROOT, "%,.0f", gas)
        : String.format(Locale.ROOT, "%.1f", gas);
  }
}
