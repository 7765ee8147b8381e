package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node as a container sees it that dies right after recording a transaction: the next {@code
 * failures} broadcasts never reach the node.
 */
final class FailingBroadcasts implements ChainRpc {
  private final ChainRpc node;
  private final AtomicInteger failuresLeft;

  FailingBroadcasts(ChainRpc node, int failures) {
    this.node = node;
    this.failuresLeft = new AtomicInteger(failures);
  }

  @Override
  public void broadcast(SignedTransaction signed) {
    if (failuresLeft.getAndDecrement() > 0) {
      throw new UncheckedIOException(
          new java.io.IOException("container stopped before broadcasting " + signed.hash()));
    }
    node.broadcast(signed);
  }

  @Override
  public long chainId() {
    return node.chainId();
  }

  @Override
  public void simulate(Address from, Address to, String data) {
    node.simulate(from, to, data);
  }

  @Override
  public BigInteger estimateGas(Address from, Address to, String data) {
    return node.estimateGas(from, to, data);
  }

  @Override
  public BigInteger latestBaseFee() {
    return node.latestBaseFee();
  }

  @Override
  public BigInteger suggestedPriorityFee() {
    return node.suggestedPriorityFee();
  }

  @Override
  public long transactionCount(Address account, boolean includingPending) {
    return node.transactionCount(account, includingPending);
  }

  @Override
  public Optional<Receipt> receipt(Bytes32 transactionHash) {
    return node.receipt(transactionHash);
  }
}
