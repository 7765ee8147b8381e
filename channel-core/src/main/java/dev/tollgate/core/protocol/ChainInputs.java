package dev.tollgate.core.protocol;

import dev.tollgate.core.value.Address;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an update's rules read from the world, passed in so they stay pure: the time (chain
 * seconds) and the on-chain deposit totals of the assets being reconciled.
 */
public record ChainInputs(long now, Map<Address, DepositTotals> depositTotals) {
  public ChainInputs {
    if (now < 0) {
      throw new IllegalArgumentException("time must not be negative, got " + now);
    }
    depositTotals = Map.copyOf(depositTotals);
  }

  public static ChainInputs at(long now) {
    return new ChainInputs(now, Map.of());
  }

  public ChainInputs withDeposits(Address assetId, DepositTotals totals) {
    Map<Address, DepositTotals> next = new HashMap<>(depositTotals);
    next.put(assetId, totals);
    return new ChainInputs(now, next);
  }

  public Optional<DepositTotals> depositTotals(Address assetId) {
    return Optional.ofNullable(depositTotals.get(assetId));
  }
}
