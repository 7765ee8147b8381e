package dev.tollgate.functions.deposits;

import dev.tollgate.core.port.ChainReader;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;

/**
 * Deposit totals for the payer's deposit update, as the watcher confirmed them: a deposit counts
 * only once it is buried under the confirmation depth, so a reorganised-away transfer is never
 * credited.
 */
public final class ConfirmedChainReader implements ChainReader {
  private final ConfirmedDeposits confirmed;

  public ConfirmedChainReader(ConfirmedDeposits confirmed) {
    this.confirmed = confirmed;
  }

  @Override
  public DepositTotals depositTotals(Address channelAddress, Address assetId) {
    return confirmed
        .find(channelAddress, assetId)
        .map(ConfirmedDeposits.ConfirmedTotals::totals)
        .orElse(new DepositTotals(Uint256.ZERO, Uint256.ZERO));
  }
}
