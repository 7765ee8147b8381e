package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for one of a nonce's transactions to be mined. Unmined for {@code stuckAfter} since the
 * last broadcast, it broadcasts again any lower recorded nonce still waiting (a gap the chain
 * cannot mine past, left by a container that died before broadcasting); with no such gap it
 * replaces its own transaction with one offering higher fees.
 */
final class MiningWatch {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.chain.sender");

  private final ChainRpc rpc;
  private final NonceLedger ledger;
  private final TransactionSigning signing;
  private final SenderSettings settings;
  private final Clock clock;
  private final LongSupplier nanoTime;

  MiningWatch(
      ChainRpc rpc,
      NonceLedger ledger,
      TransactionSigning signing,
      SenderSettings settings,
      Clock clock,
      LongSupplier nanoTime) {
    this.rpc = rpc;
    this.ledger = ledger;
    this.signing = signing;
    this.settings = settings;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  /**
   * @throws ChainCallRevertedException when the mined transaction reverted
   * @throws NonceUsedElsewhereException when a transaction the ledger does not know took the nonce
   * @throws IllegalStateException when nothing was mined within the receipt timeout
   */
  SentTransaction await(RecordedTransaction recorded) {
    Address from = signing.sender();
    long started = nanoTime.getAsLong();
    long lastBroadcast = started;
    RecordedTransaction current = recorded;
    while (true) {
      Optional<ChainRpc.Receipt> mined = pollReceipt(current);
      if (mined.isPresent()) {
        return outcome(current, mined.get());
      }
      long now = nanoTime.getAsLong();
      if (now - started >= settings.receiptTimeout().toNanos()) {
        throw new IllegalStateException(
            current.call()
                + " (nonce "
                + current.nonce()
                + ", transactions "
                + current.hashes()
                + ") was not mined within "
                + settings.receiptTimeout()
                + "; it stays recorded and resume() keeps waiting for it");
      }
      if (now - lastBroadcast >= settings.stuckAfter().toNanos()) {
        if (rpc.transactionCount(from, false) > current.nonce()) {
          // The nonce is used: by ours, mined since the look above, or by a stranger's.
          mined = firstReceipt(current);
          if (mined.isPresent()) {
            return outcome(current, mined.get());
          }
          throw new NonceUsedElsewhereException(from, current);
        }
        // A gap below is the likelier cause, and filling it costs nothing: give that a turn first.
        if (rebroadcastLowerNonces(from, current.nonce()) == 0) {
          current = replace(current);
        }
        lastBroadcast = now;
      }
      pause(current);
    }
  }

  /** {@link #firstReceipt}, where a node that does not answer means "not yet". */
  private Optional<ChainRpc.Receipt> pollReceipt(RecordedTransaction recorded) {
    try {
      return firstReceipt(recorded);
    } catch (UncheckedIOException unreachable) {
      // The transaction is out there whether or not the node answers now; ask again next poll.
      LOG.warn("looking for the receipt of {}: {}", recorded.call(), unreachable.getMessage());
      return Optional.empty();
    }
  }

  private Optional<ChainRpc.Receipt> firstReceipt(RecordedTransaction recorded) {
    for (Bytes32 hash : recorded.hashes()) {
      Optional<ChainRpc.Receipt> receipt = rpc.receipt(hash);
      if (receipt.isPresent()) {
        return receipt;
      }
    }
    return Optional.empty();
  }

  private static SentTransaction outcome(RecordedTransaction recorded, ChainRpc.Receipt receipt) {
    if (!receipt.succeeded()) {
      throw new ChainCallRevertedException(
          recorded.call(),
          "transaction "
              + receipt.transactionHash()
              + " was mined in block "
              + receipt.blockNumber()
              + " with status 0");
    }
    return new SentTransaction(receipt.transactionHash(), receipt.blockNumber(), receipt.gasUsed());
  }

  private RecordedTransaction replace(RecordedTransaction current) {
    if (current.replacements() >= settings.maxReplacements()) {
      broadcastQuietly(current.latest());
      return current;
    }
    SignedTransaction latest = current.latest();
    Fees market = Fees.market(rpc.latestBaseFee(), rpc.suggestedPriorityFee());
    Fees fees = latest.fees().bumped(settings.feeBumpBasisPoints()).atLeast(market);
    SignedTransaction replacement =
        signing.sign(UnsignedTransaction.of(latest).withFees(fees), clock.nowSeconds());
    ledger.recordReplacement(signing.sender(), replacement);
    LOG.warn(
        "{} (nonce {}) unmined after {}: replacing {} by {} at max fee {} (was {})",
        current.call(),
        current.nonce(),
        settings.stuckAfter(),
        latest.hash(),
        replacement.hash(),
        fees.maxFeePerGas(),
        latest.fees().maxFeePerGas());
    broadcastQuietly(replacement);
    return current.with(replacement);
  }

  /** Broadcasts the recorded, unmined transactions below {@code nonce}; returns how many. */
  private int rebroadcastLowerNonces(Address from, long nonce) {
    int rebroadcast = 0;
    for (RecordedTransaction lower : ledger.recordedFrom(from, rpc.transactionCount(from, false))) {
      if (lower.nonce() < nonce) {
        broadcastQuietly(lower.latest());
        rebroadcast++;
      }
    }
    return rebroadcast;
  }

  /** A refused rebroadcast is no reason to stop waiting: an earlier attempt may still be mined. */
  private void broadcastQuietly(SignedTransaction signed) {
    try {
      rpc.broadcast(signed);
    } catch (BroadcastRejectedException e) {
      LOG.warn("rebroadcast refused: {}", e.getMessage());
    }
  }

  private void pause(RecordedTransaction waitingFor) {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for "
              + waitingFor.call()
              + " (nonce "
              + waitingFor.nonce()
              + ") to be mined; it stays recorded",
          e);
    }
  }
}
