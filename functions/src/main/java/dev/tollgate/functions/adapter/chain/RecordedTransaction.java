package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Bytes32;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A nonce as the ledger holds it: the call it carries and every signed attempt at it, the original
 * first. Any one of them may be the one that is mined.
 */
public record RecordedTransaction(long nonce, String call, List<SignedTransaction> attempts) {
  public RecordedTransaction {
    Objects.requireNonNull(call, "call");
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("nonce " + nonce + " has no signed transaction");
    }
    for (SignedTransaction attempt : attempts) {
      if (attempt.nonce() != nonce) {
        throw new IllegalArgumentException(
            "an attempt at nonce " + attempt.nonce() + " is recorded under nonce " + nonce);
      }
    }
  }

  public static RecordedTransaction of(String call, SignedTransaction original) {
    return new RecordedTransaction(original.nonce(), call, List.of(original));
  }

  public SignedTransaction latest() {
    return attempts.get(attempts.size() - 1);
  }

  public int replacements() {
    return attempts.size() - 1;
  }

  public List<Bytes32> hashes() {
    return attempts.stream().map(SignedTransaction::hash).toList();
  }

  public RecordedTransaction with(SignedTransaction replacement) {
    List<SignedTransaction> more = new ArrayList<>(attempts);
    more.add(replacement);
    return new RecordedTransaction(nonce, call, more);
  }
}
