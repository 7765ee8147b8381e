package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Address;
import java.util.List;

/**
 * The sending account's nonces, shared by every container that sends with the same key. A nonce is
 * taken and its signed transaction recorded in one atomic write, so no two senders use one nonce,
 * and a sender that dies before broadcasting leaves behind a transaction someone can broadcast.
 */
public interface NonceLedger {
  /** The next nonce the ledger would hand out; 0 for an account it has never seen. */
  long nextNonce(Address account);

  /**
   * Takes {@code signed.nonce()} (at or above {@code expectedNext}) and records {@code signed},
   * provided the ledger's next nonce is still {@code expectedNext}; the next nonce becomes {@code
   * signed.nonce() + 1}.
   *
   * @throws NonceTakenException when another sender moved the next nonce first
   */
  void reserve(Address account, long expectedNext, String call, SignedTransaction signed);

  /** Adds a replacement (same nonce, higher fees) to the recorded transaction at its nonce. */
  void recordReplacement(Address account, SignedTransaction replacement);

  /** Recorded transactions at {@code fromNonce} and above, lowest nonce first. */
  List<RecordedTransaction> recordedFrom(Address account, long fromNonce);
}
