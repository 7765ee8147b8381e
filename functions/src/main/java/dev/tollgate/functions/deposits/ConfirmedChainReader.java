package dev.tollgate.functions.deposits;

import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.port.ChainReader;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * Deposit totals for the payer's deposit update, as confirmed on chain: read from the channel's
 * contract (or, before it exists, from the address's balance) at the block {@code confirmations}
 * below the head, so a deposit counts only once it is buried that deep and a reorganised-away
 * transfer is never credited.
 *
 * <p>Reading the totals when the payer asks, rather than from what the watcher saw in the logs, is
 * what credits a deposit made before the channel was opened (its address is known in advance, and
 * nobody read its logs then) and an Ether deposit (a plain transfer, which logs nothing): the
 * contract's total for Ether is its balance plus what it paid out, less alice's deposits. It costs
 * a few reads of the node per deposit update, and nothing is stored: a refused update changes
 * nothing.
 */
public final class ConfirmedChainReader implements ChainReader {
  private final AdjudicatorReader chain;
  private final long confirmations;

  public ConfirmedChainReader(AdjudicatorReader chain, long confirmations) {
    if (confirmations < 0) {
      throw new IllegalArgumentException(
          "confirmations must not be negative, got " + confirmations);
    }
    this.chain = Objects.requireNonNull(chain, "chain");
    this.confirmations = confirmations;
  }

  @Override
  public DepositTotals depositTotals(Address channelAddress, Address assetId) {
    long block = chain.head().number() - confirmations;
    if (block < 0) {
      return new DepositTotals(Uint256.ZERO, Uint256.ZERO);
    }
    return chain.depositTotalsAt(channelAddress, assetId, block);
  }
}
