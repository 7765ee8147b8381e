package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Bytes32;

/** The node refused a signed transaction, with its message (e.g. nonce too low, underpriced). */
public final class BroadcastRejectedException extends RuntimeException {
  public BroadcastRejectedException(Bytes32 hash, long nonce, String nodeMessage) {
    super("the node refused transaction " + hash + " (nonce " + nonce + "): " + nodeMessage);
  }
}
