package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.Source.Assumed;
import java.util.List;
import java.util.Objects;

/**
 * A chain and what its gas costs in dollars: a gas price (for a rollup, the effective price with
 * its L1 data fee folded in) and an ETH price. These are scenarios, not quotes.
 */
public record GasPrice(String chain, double gwei, double ethUsd, Source source) {
  private static final String ETH = "ETH at $3,000, assumed on 2026-11-21 without a price feed";

  public static final List<GasPrice> SCENARIOS =
      List.of(
          new GasPrice("Ethereum L1, 1 gwei", 1, 3_000, new Assumed("a quiet L1; " + ETH)),
          new GasPrice("Ethereum L1, 5 gwei", 5, 3_000, new Assumed("a busier L1; " + ETH)),
          new GasPrice("Ethereum L1, 30 gwei", 30, 3_000, new Assumed("a congested L1; " + ETH)),
          new GasPrice(
              "L2 rollup, 0.01 gwei effective",
              0.01,
              3_000,
              new Assumed(
                  "execution gas plus the L1 data fee of a small transaction, spread per gas; "
                      + ETH)));

  public GasPrice {
    Objects.requireNonNull(chain, "chain");
    if (!Double.isFinite(gwei) || gwei <= 0) {
      throw new IllegalArgumentException(
          "gas price of " + chain + " must be positive, got " + gwei);
    }
    if (!Double.isFinite(ethUsd) || ethUsd <= 0) {
      throw new IllegalArgumentException(
          "ETH price for " + chain + " must be positive, got " + ethUsd);
    }
    Objects.requireNonNull(source, "source");
  }

  /** Dollars for {@code gas} units of gas. */
  public double usd(double gas) {
    return gas * gwei * 1e-9 * ethUsd;
  }
}
