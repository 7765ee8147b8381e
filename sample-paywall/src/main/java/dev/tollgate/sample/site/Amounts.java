package dev.tollgate.sample.site;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Base units shown as the token's decimal amount: 1500 with 6 decimals is "0.0015". */
public final class Amounts {
  private Amounts() {}

  public static String format(BigInteger baseUnits, int decimals) {
    BigDecimal value = new BigDecimal(baseUnits, decimals).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }
}
