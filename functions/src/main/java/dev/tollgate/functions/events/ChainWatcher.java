package dev.tollgate.functions.events;

import dev.tollgate.core.value.Address;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One scheduled pass over the chain: from the block after the cursor up to the newest block that is
 * {@code confirmations} deep, range by range, every event concerning the gateway's channels goes to
 * the queue, and only then does the cursor move past the range.
 *
 * <p>Publishing before advancing means a failure between the two re-reads the range next run, and
 * two runs racing on one cursor both publish it; the queue's deduplication by log and the
 * processor's idempotency make a repeat harmless, whereas advancing first would lose the range's
 * events for good if publishing then failed. The loser of a race learns it from the cursor's
 * conditional write and stops.
 */
public final class ChainWatcher {
  private final ChainLogs logs;
  private final KnownChannels channels;
  private final EventQueue queue;
  private final WatchCursor cursor;
  private final WatcherSettings settings;

  public ChainWatcher(
      ChainLogs logs,
      KnownChannels channels,
      EventQueue queue,
      WatchCursor cursor,
      WatcherSettings settings) {
    this.logs = Objects.requireNonNull(logs, "logs");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.cursor = Objects.requireNonNull(cursor, "cursor");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Reads and publishes up to {@code maxRangesPerRun} ranges.
   *
   * @throws CursorMovedException when another run moved the cursor meanwhile: this run's last range
   *     was published (a duplicate of the other run's) but not recorded, and it read no more
   */
  public WatchReport run() throws CursorMovedException {
    OptionalLong last = cursor.lastBlock();
    long head = logs.headBlock();
    long safe = head - settings.confirmations();
    long from = last.isPresent() ? last.getAsLong() + 1 : settings.startBlock();
    if (safe < from) {
      return WatchReport.nothingToRead(head, safe, from);
    }
    Set<Address> known = new HashSet<>(channels.all());
    OptionalLong expected = last;
    long rangeFrom = from;
    int published = 0;
    int ranges = 0;
    while (ranges < settings.maxRangesPerRun() && rangeFrom <= safe) {
      long to =
          safe - rangeFrom < settings.maxBlocksPerRange()
              ? safe
              : rangeFrom + settings.maxBlocksPerRange() - 1;
      List<ChainEvent> events = logs.events(rangeFrom, to, known, settings.assets());
      if (!events.isEmpty()) {
        queue.publish(events);
      }
      cursor.advance(expected, to);
      published += events.size();
      ranges++;
      expected = OptionalLong.of(to);
      rangeFrom = to + 1;
      // A channel created in this range is known from the next one on, before the gateway's
      // table may list it, so a deposit right after its creation is not missed.
      for (ChainEvent event : events) {
        if (event instanceof ChainEvent.ChannelCreated created) {
          known.add(created.channel());
        }
      }
    }
    return new WatchReport(head, safe, from, rangeFrom - 1, published, ranges, rangeFrom > safe);
  }
}
