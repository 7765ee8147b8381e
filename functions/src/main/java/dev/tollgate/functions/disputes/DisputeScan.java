package dev.tollgate.functions.disputes;

import static net.logstash.logback.argument.StructuredArguments.kv;

import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.events.CursorMovedException;
import dev.tollgate.functions.events.WatchCursor;
import dev.tollgate.functions.gateway.GatewayNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's own reading of disputes from the chain, independent of the event queue: a dispute
 * whose event was lost on the way (dead-lettered, say, before its record was saved) is found here
 * on the keeper's next run and defended like any other.
 *
 * <p>Each run reads the {@code ChannelDisputed} logs of every contract in the blocks after its own
 * cursor, up to the head less the confirmations, at most {@code maxBlocksPerRun} blocks. The query
 * names no addresses, so its size follows the number of disputes on the chain, not the number of
 * channels the gateway has: no sweep over channels. A log counts only if its emitter is the CREATE2
 * address of the gateway's channel with the log's bob (a contract of anyone's can emit the event,
 * none can sit at that address) and the gateway stores that channel; the keeper then reads the
 * dispute itself from the adjudicator, never from the log. A dispute the gateway already recorded
 * at that nonce or later is left alone. The cursor moves only after every sighting of its range was
 * handed to the keeper, so a failure reads the range again next run.
 */
public final class DisputeScan {
  private static final Logger LOG = LoggerFactory.getLogger("tollgate.disputes");

  private final DisputeLogs logs;
  private final WatchCursor cursor;
  private final ChannelStore store;
  private final DisputeBook book;
  private final DisputeKeeper keeper;
  private final GatewayNetwork network;
  private final Address gateway;
  private final DisputeScanSettings settings;

  public DisputeScan(
      DisputeLogs logs,
      WatchCursor cursor,
      ChannelStore store,
      DisputeBook book,
      DisputeKeeper keeper,
      GatewayNetwork network,
      Address gateway,
      DisputeScanSettings settings) {
    this.logs = Objects.requireNonNull(logs, "logs");
    this.cursor = Objects.requireNonNull(cursor, "cursor");
    this.store = Objects.requireNonNull(store, "store");
    this.book = Objects.requireNonNull(book, "book");
    this.keeper = Objects.requireNonNull(keeper, "keeper");
    this.network = Objects.requireNonNull(network, "network");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Reads the next range; returns the channels whose dispute it found unrecorded and handed to the
   * keeper.
   *
   * @throws CursorMovedException when another run moved the cursor meanwhile (its range was read
   *     twice, which the keeper's records make harmless)
   */
  public List<Address> run() throws CursorMovedException {
    OptionalLong last = cursor.lastBlock();
    long safe = logs.headBlock() - settings.confirmations();
    long from = last.isPresent() ? last.getAsLong() + 1 : settings.startBlock();
    List<Address> found = new ArrayList<>();
    if (safe < from) {
      return found;
    }
    long to =
        safe - from < settings.maxBlocksPerRun() ? safe : from + settings.maxBlocksPerRun() - 1;
    for (DisputeLogs.Sighting sighting : logs.disputes(from, to)) {
      if (!sighting.alice().equals(gateway)
          || !sighting.emitter().equals(network.channelAddress(gateway, sighting.bob()))) {
        continue;
      }
      Address channel = sighting.emitter();
      Optional<DisputeRecord> recorded = book.find(channel);
      if (recorded.isPresent() && recorded.get().disputedNonce() >= sighting.nonce()) {
        continue;
      }
      if (store.load(channel).isEmpty()) {
        continue;
      }
      LOG.warn(
          "dispute found on chain that the gateway had not recorded",
          kv("action", "dispute_recovered"),
          kv("channelAddress", channel.toChecksumHex()),
          kv("nonce", sighting.nonce()),
          kv("block", sighting.block()));
      keeper.observed(channel, sighting.nonce(), sighting.disputer());
      found.add(channel);
    }
    cursor.advance(last, to);
    return found;
  }
}
