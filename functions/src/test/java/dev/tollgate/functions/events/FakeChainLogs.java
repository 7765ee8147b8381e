package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A chain in memory: a head and a list of events. Filters as the real reader does: creations of the
 * gateway's channels always, every other event only for the channels asked about.
 */
final class FakeChainLogs implements ChainLogs {
  record Read(long from, long to, Set<Address> channels, Set<Address> assets) {}

  private final List<ChainEvent> events = new ArrayList<>();
  private final List<Read> reads = new ArrayList<>();
  private long head;

  FakeChainLogs(long head) {
    this.head = head;
  }

  synchronized void head(long block) {
    head = block;
  }

  synchronized void log(ChainEvent event) {
    events.add(event);
  }

  synchronized List<Read> reads() {
    return List.copyOf(reads);
  }

  @Override
  public synchronized long headBlock() {
    return head;
  }

  @Override
  public synchronized List<ChainEvent> events(
      long fromBlock, long toBlock, Collection<Address> channels, Collection<Address> assets) {
    reads.add(new Read(fromBlock, toBlock, Set.copyOf(channels), Set.copyOf(assets)));
    return events.stream()
        .filter(e -> e.origin().blockNumber() >= fromBlock && e.origin().blockNumber() <= toBlock)
        .filter(e -> e instanceof ChainEvent.ChannelCreated || channels.contains(e.channel()))
        .toList();
  }
}
