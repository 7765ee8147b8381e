package dev.tollgate.core.protocol;

import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * {@code totalDepositsAlice} / {@code totalDepositsBob} of one asset, as the channel contract
 * reports.
 */
public record DepositTotals(Uint256 alice, Uint256 bob) {
  public DepositTotals {
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(bob, "bob");
  }
}
