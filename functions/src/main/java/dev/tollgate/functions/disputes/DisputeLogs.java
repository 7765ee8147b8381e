package dev.tollgate.functions.disputes;

import dev.tollgate.core.value.Address;
import java.util.List;

/** The chain's {@code ChannelDisputed} logs, read for the keeper's own scan of the chain. */
public interface DisputeLogs {
  /** The newest block number. */
  long headBlock();

  /**
   * Every {@code ChannelDisputed} logged in blocks {@code fromBlock..toBlock} (both included), by
   * any contract, in chain order. The caller decides which emitters are channels of its own.
   */
  List<Sighting> disputes(long fromBlock, long toBlock);

  /** One {@code ChannelDisputed} log: its emitter and what it says was disputed. */
  record Sighting(
      Address emitter, Address alice, Address bob, long nonce, Address disputer, long block) {}
}
