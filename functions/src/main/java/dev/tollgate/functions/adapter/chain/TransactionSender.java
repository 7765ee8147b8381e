package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.port.ChainCallRevertedException;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.SentTransaction;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the gateway's contract calls as EIP-1559 transactions signed by its {@link Signer}.
 *
 * <p>A call is simulated first, so one the contract refuses costs nothing and leaves no trace. Then
 * a nonce is taken in the {@link NonceLedger} together with the signed transaction, so containers
 * sharing the key never reuse a nonce and one that dies after signing leaves a transaction {@link
 * #resume()} can broadcast. The next nonce is the higher of the ledger's and the node's pending
 * count, which skips nonces the key used elsewhere. A transaction unmined for {@code stuckAfter} is
 * replaced at the same nonce with higher fees.
 */
public final class TransactionSender {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.chain.sender");
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private final ChainRpc rpc;
  private final NonceLedger ledger;
  private final TransactionSigning signing;
  private final SenderSettings settings;
  private final Clock clock;
  private final MiningWatch watch;

  /**
   * @param clock wall time for the ledger's {@code sentAt}
   * @param nanoTime a monotonic clock for waiting ({@code System::nanoTime} in production)
   */
  public TransactionSender(
      ChainRpc rpc,
      NonceLedger ledger,
      Signer signer,
      SenderSettings settings,
      Clock clock,
      LongSupplier nanoTime) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.signing = new TransactionSigning(signer);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.watch =
        new MiningWatch(
            rpc, ledger, signing, settings, clock, Objects.requireNonNull(nanoTime, "nanoTime"));
  }

  public Address sender() {
    return signing.sender();
  }

  /**
   * Sends {@code data} to {@code to} and waits until it is mined.
   *
   * @param call names the call in errors and in the ledger, e.g. {@code disputeChannel(0x…)}
   * @throws ChainCallRevertedException when the simulation or the mined transaction reverted
   */
  public SentTransaction send(String call, Address to, byte[] data) {
    if (call == null || call.isBlank()) {
      throw new IllegalArgumentException("call name is missing");
    }
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(data, "data");
    String dataHex = Hex.encode(data);
    Address from = sender();
    BigInteger gasLimit;
    try {
      rpc.simulate(from, to, dataHex);
      gasLimit = withMargin(rpc.estimateGas(from, to, dataHex));
    } catch (ChainCallRevertedException e) {
      throw new ChainCallRevertedException(call, e.reason());
    }
    Fees fees = Fees.market(rpc.latestBaseFee(), rpc.suggestedPriorityFee());
    RecordedTransaction recorded = reserve(call, to, dataHex, gasLimit, fees);
    rpc.broadcast(recorded.latest());
    return watch.await(recorded);
  }

  /**
   * Broadcasts again every recorded transaction not yet mined, as a restarted container must, and
   * waits for each. A nonce a stranger's transaction took is logged and left out.
   */
  public List<ResumedTransaction> resume() {
    Address from = sender();
    List<RecordedTransaction> open = ledger.recordedFrom(from, rpc.transactionCount(from, false));
    for (RecordedTransaction recorded : open) {
      try {
        rpc.broadcast(recorded.latest());
      } catch (BroadcastRejectedException e) {
        LOG.warn("resuming {}: {}", recorded.call(), e.getMessage());
      }
    }
    List<ResumedTransaction> resumed = new ArrayList<>();
    for (RecordedTransaction recorded : open) {
      try {
        resumed.add(ResumedTransaction.mined(recorded, watch.await(recorded)));
      } catch (ChainCallRevertedException e) {
        resumed.add(ResumedTransaction.reverted(recorded, e.reason()));
      } catch (NonceUsedElsewhereException e) {
        LOG.warn("resuming {}: {}", recorded.call(), e.getMessage());
      }
    }
    return resumed;
  }

  private RecordedTransaction reserve(
      String call, Address to, String data, BigInteger gasLimit, Fees fees) {
    Address from = sender();
    long chainId = rpc.chainId();
    for (int attempt = 1; attempt <= settings.reserveAttempts(); attempt++) {
      long ledgerNext = ledger.nextNonce(from);
      long nonce = Math.max(ledgerNext, rpc.transactionCount(from, true));
      SignedTransaction signed =
          signing.sign(
              new UnsignedTransaction(chainId, nonce, to, data, gasLimit, fees),
              clock.nowSeconds());
      try {
        ledger.reserve(from, ledgerNext, call, signed);
        return RecordedTransaction.of(call, signed);
      } catch (NonceTakenException takenFirst) {
        // another sender moved the ledger between our read and write; read it again
      }
    }
    throw new IllegalStateException(
        "could not take a nonce of "
            + from
            + " for "
            + call
            + " in "
            + settings.reserveAttempts()
            + " attempts: other senders kept taking them first");
  }

  private BigInteger withMargin(BigInteger estimate) {
    return estimate
        .multiply(HUNDRED.add(BigInteger.valueOf(settings.gasMarginPercent())))
        .add(HUNDRED.subtract(BigInteger.ONE))
        .divide(HUNDRED);
  }
}
