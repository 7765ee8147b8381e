package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Address;

/**
 * The chain mined a transaction at this nonce that is none of the recorded ones: the key also sent
 * from somewhere else. The recorded call never happened and must be sent again to take effect.
 */
public final class NonceUsedElsewhereException extends IllegalStateException {
  public NonceUsedElsewhereException(Address account, RecordedTransaction recorded) {
    super(
        "nonce "
            + recorded.nonce()
            + " of "
            + account
            + " was used by a transaction other than "
            + recorded.hashes()
            + "; "
            + recorded.call()
            + " did not happen");
  }
}
