package dev.tollgate.core.port;

/** A contract call the chain refused, with the contract's reason where it gave one. */
public final class ChainCallRevertedException extends RuntimeException {
  private final String call;
  private final String reason;

  public ChainCallRevertedException(String call, String reason) {
    super(call + " reverted: " + reason);
    this.call = call;
    this.reason = reason;
  }

  public String call() {
    return call;
  }

  /** The revert reason, e.g. {@code ChannelAdjudicator: INVALID_NONCE}. */
  public String reason() {
    return reason;
  }
}
