package dev.tollgate.functions.harness;

import dev.tollgate.core.port.AdjudicatorReader;
import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Uint256;

/**
 * A chain on which no channel was ever disputed, for services tested without a node: only {@link
 * #channelDispute} answers (all zero), every other read fails the test.
 */
public final class UndisputedChain implements AdjudicatorReader {
  @Override
  public OnChainDispute channelDispute(Address channel) {
    return new OnChainDispute(Bytes32.ZERO, 0, Bytes32.ZERO, 0, 0);
  }

  @Override
  public BlockRef head() {
    throw unexpected("head");
  }

  @Override
  public BlockRef block(long number) {
    throw unexpected("block");
  }

  @Override
  public DepositTotals depositTotalsAt(Address channel, Address assetId, long blockNumber) {
    throw unexpected("depositTotalsAt");
  }

  @Override
  public boolean isDeployed(Address channel) {
    throw unexpected("isDeployed");
  }

  @Override
  public OnChainTransferDispute transferDispute(Address channel, Bytes32 transferId) {
    throw unexpected("transferDispute");
  }

  @Override
  public Uint256 defundNonce(Address channel, Address assetId) {
    throw unexpected("defundNonce");
  }

  @Override
  public Uint256 exitable(Address channel, Address assetId, Address owner) {
    throw unexpected("exitable");
  }

  private static AssertionError unexpected(String read) {
    return new AssertionError("the service read " + read + " from a chain it should not need");
  }
}
