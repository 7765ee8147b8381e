package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.port.SentTransaction;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded transaction that {@link TransactionSender#resume()} saw mined: the transaction that
 * took the nonce, and the revert reason when it failed.
 */
public record ResumedTransaction(
    long nonce, String call, Optional<SentTransaction> succeeded, Optional<String> revertReason) {
  public ResumedTransaction {
    Objects.requireNonNull(call, "call");
    if (succeeded.isPresent() == revertReason.isPresent()) {
      throw new IllegalArgumentException(
          "a resumed transaction either succeeded or reverted, not both or neither: " + call);
    }
  }

  static ResumedTransaction mined(RecordedTransaction recorded, SentTransaction mined) {
    return new ResumedTransaction(
        recorded.nonce(), recorded.call(), Optional.of(mined), Optional.empty());
  }

  static ResumedTransaction reverted(RecordedTransaction recorded, String reason) {
    return new ResumedTransaction(
        recorded.nonce(), recorded.call(), Optional.empty(), Optional.of(reason));
  }
}
