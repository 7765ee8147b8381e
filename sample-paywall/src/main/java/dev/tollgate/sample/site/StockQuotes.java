package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The metered API's content: a made-up quote per ticker symbol that moves with the minute. What
 * matters is the metering in front of it, not the numbers.
 */
final class StockQuotes {
  private static final Pattern SYMBOL = Pattern.compile("[A-Z]{1,5}");

  private StockQuotes() {}

  static boolean isSymbol(String symbol) {
    return symbol != null && SYMBOL.matcher(symbol).matches();
  }

  static ObjectNode quote(String symbol, long nowSeconds) {
    if (!isSymbol(symbol)) {
      throw new IllegalArgumentException("symbol must be 1 to 5 capital letters, got " + symbol);
    }
    long minute = nowSeconds / 60;
    int base = Math.floorMod(symbol.hashCode(), 90_000) + 1_000;
    int drift = Math.floorMod((symbol.hashCode() * 31L + minute) * 2_654_435_761L, 2_001) - 1_000;
    BigDecimal price =
        BigDecimal.valueOf(base * 100L + drift).movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
    return SiteResponse.JSON
        .createObjectNode()
        .put("symbol", symbol)
        .put("price", price.toPlainString())
        .put("currency", "USD")
        .put("asOf", Instant.ofEpochSecond(minute * 60).toString());
  }
}
