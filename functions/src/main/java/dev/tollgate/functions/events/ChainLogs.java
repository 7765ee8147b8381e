package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import java.util.Collection;
import java.util.List;

/** The chain's logs, read for the watcher and decoded into the events the gateway acts on. */
public interface ChainLogs {
  /** The newest block number. */
  long headBlock();

  /**
   * Events logged in blocks {@code fromBlock..toBlock} (both included), in chain order (block, then
   * log index): the factory's {@code ChannelCreation} of channels whose alice is the gateway, every
   * event of the contracts at {@code channels}, and ERC20 {@code Transfer}s of {@code assets} into
   * {@code channels}. Channels created for the gateway within the range count as given: their
   * creation and first deposit can share a transaction.
   */
  List<ChainEvent> events(
      long fromBlock, long toBlock, Collection<Address> channels, Collection<Address> assets);
}
