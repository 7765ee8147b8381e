package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Address;

/** Another sender took the nonce first; read the ledger again and retry. */
public final class NonceTakenException extends RuntimeException {
  public NonceTakenException(Address account, long expectedNext, long nonce) {
    super(
        "nonce "
            + nonce
            + " of "
            + account
            + " could not be taken: the ledger's next nonce is no longer "
            + expectedNext);
  }
}
