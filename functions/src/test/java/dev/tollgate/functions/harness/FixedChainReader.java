package dev.tollgate.functions.harness;

import dev.tollgate.core.port.ChainReader;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Deposit totals set by the test, for service tests that are not about the chain. */
public final class FixedChainReader implements ChainReader {
  private final Map<String, DepositTotals> totals = new ConcurrentHashMap<>();

  public void set(Address channel, Address asset, DepositTotals value) {
    totals.put(channel + "/" + asset, value);
  }

  @Override
  public DepositTotals depositTotals(Address channel, Address asset) {
    return totals.getOrDefault(
        channel + "/" + asset, new DepositTotals(Uint256.ZERO, Uint256.ZERO));
  }
}
