package dev.tollgate.functions.adapter.chain;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.ChainLogs;
import dev.tollgate.functions.events.EventOrigin;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads the gateway's events with {@code eth_getLogs}. Every call names an explicit block range of
 * at most {@link Limits#blocksPerCall} blocks and at most {@link Limits#addressesPerCall}
 * addresses, so no call grows with the number of channels beyond what a node accepts.
 *
 * <p>Channels the factory creates for the gateway inside the range are read along with the given
 * ones: {@code createChannelAndDepositAlice} logs the creation and alice's deposit in one
 * transaction, before any caller could have learnt the address. Ether moves without logs, so an
 * Ether asset ({@link Address#ZERO}) has no transfers to read; its deposits are found by balance.
 */
public final class Web3jChainLogs implements ChainLogs {
  /** How much one {@code eth_getLogs} call may ask for. */
  public record Limits(int addressesPerCall, long blocksPerCall) {
    /** Within what public RPC providers accept for a log query. */
    public static final Limits DEFAULT = new Limits(500, 2_000);

    public Limits {
      if (addressesPerCall < 1 || blocksPerCall < 1) {
        throw new IllegalArgumentException(
            "limits must be positive, got addressesPerCall="
                + addressesPerCall
                + " blocksPerCall="
                + blocksPerCall);
      }
    }
  }

  private final Web3j web3j;
  private final Address factory;
  private final Address gateway;
  private final Limits limits;

  public Web3jChainLogs(Web3j web3j, Address factory, Address gateway) {
    this(web3j, factory, gateway, Limits.DEFAULT);
  }

  public Web3jChainLogs(Web3j web3j, Address factory, Address gateway, Limits limits) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public long headBlock() {
    return ChainHead.of(web3j);
  }

  /**
   * An empty range ({@code toBlock < fromBlock}) reads nothing; a range past the head is the node's
   * to refuse (anvil does).
   */
  @Override
  public List<ChainEvent> events(
      long fromBlock, long toBlock, Collection<Address> channels, Collection<Address> assets) {
    if (fromBlock < 0) {
      throw new IllegalArgumentException("fromBlock must not be negative, got " + fromBlock);
    }
    Set<Address> known = distinct(channels, "channels");
    Set<Address> tokens = distinct(assets, "assets");
    tokens.remove(Address.ZERO);
    Ordered found = new Ordered();
    if (toBlock < fromBlock) {
      return found.events();
    }
    long span = limits.blocksPerCall() - 1;
    for (long from = fromBlock, to; from <= toBlock; from = to + 1) {
      // Written so that no sum passes Long.MAX_VALUE.
      to = toBlock - from <= span ? toBlock : from + span;
      for (ChainEvent created : read(creations(from, to))) {
        if (created instanceof ChainEvent.ChannelCreated c && c.alice().equals(gateway)) {
          found.add(created);
          known.add(created.channel());
        }
      }
      List<Address> inRange = List.copyOf(known);
      for (List<Address> chunk : chunks(inRange)) {
        List<ChainEvent> events = new ArrayList<>(read(channelEvents(from, to, chunk)));
        for (Address token : tokens) {
          events.addAll(read(transfersInto(from, to, token, chunk)));
        }
        // A node's filter is trusted no further than this: every event names a channel asked for.
        events.stream().filter(e -> known.contains(e.channel())).forEach(found::add);
      }
      if (to == toBlock) {
        break;
      }
    }
    return found.events();
  }

  private EthFilter creations(long from, long to) {
    EthFilter filter = filter(from, to, List.of(factory));
    filter.addSingleTopic(LogDecoder.CHANNEL_CREATION);
    filter.addNullTopic();
    filter.addSingleTopic(topic(gateway));
    return filter;
  }

  private EthFilter channelEvents(long from, long to, List<Address> chunk) {
    EthFilter filter = filter(from, to, chunk);
    filter.addOptionalTopics(LogDecoder.CHANNEL_TOPICS.toArray(String[]::new));
    return filter;
  }

  private EthFilter transfersInto(long from, long to, Address token, List<Address> chunk) {
    EthFilter filter = filter(from, to, List.of(token));
    filter.addSingleTopic(LogDecoder.ERC20_TRANSFER);
    filter.addNullTopic();
    filter.addOptionalTopics(chunk.stream().map(Web3jChainLogs::topic).toArray(String[]::new));
    return filter;
  }

  private static EthFilter filter(long from, long to, List<Address> addresses) {
    return new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
        addresses.stream().map(Address::toString).toList());
  }

  private List<ChainEvent> read(EthFilter filter) {
    String call =
        "eth_getLogs for blocks "
            + filter.getFromBlock().getValue()
            + ".."
            + filter.getToBlock().getValue()
            + " from "
            + describe(filter.getAddress());
    EthLog response;
    try {
      response = web3j.ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new IllegalStateException(call + " could not reach the node", e);
    }
    if (response.hasError()) {
      throw new IllegalStateException(call + " failed: " + response.getError().getMessage());
    }
    List<ChainEvent> events = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (!(result.get() instanceof Log log)) {
        throw new IllegalStateException(call + " returned a log hash instead of a log");
      }
      LogDecoder.decode(log).ifPresent(events::add);
    }
    return events;
  }

  private List<List<Address>> chunks(List<Address> addresses) {
    List<List<Address>> chunks = new ArrayList<>();
    for (int i = 0; i < addresses.size(); i += limits.addressesPerCall()) {
      chunks.add(addresses.subList(i, Math.min(addresses.size(), i + limits.addressesPerCall())));
    }
    return chunks;
  }

  private static Set<Address> distinct(Collection<Address> addresses, String what) {
    Objects.requireNonNull(addresses, what);
    Set<Address> set = new LinkedHashSet<>();
    for (Address a : addresses) {
      set.add(Objects.requireNonNull(a, () -> what + " contains null"));
    }
    return set;
  }

  /** An address as an indexed topic: left-padded to 32 bytes. */
  static String topic(Address address) {
    return "0x000000000000000000000000" + address.toString().substring(2).toLowerCase();
  }

  private static String describe(List<String> addresses) {
    return addresses.size() == 1 ? addresses.get(0) : addresses.size() + " addresses";
  }

  /**
   * Events keyed by their place in the chain. One log read twice is kept once; two different logs
   * at one place, or two hashes for one block, mean the chain reorganised between the calls, and
   * the read is refused so the caller retries it whole.
   */
  private static final class Ordered {
    private final TreeMap<Place, ChainEvent> events = new TreeMap<>();
    private final Map<Long, EventOrigin> blocks = new HashMap<>();

    void add(ChainEvent event) {
      EventOrigin origin = event.origin();
      EventOrigin sameBlock = blocks.putIfAbsent(origin.blockNumber(), origin);
      if (sameBlock != null && !sameBlock.blockHash().equals(origin.blockHash())) {
        throw reorganised(origin, sameBlock);
      }
      ChainEvent earlier = events.putIfAbsent(new Place(origin), event);
      if (earlier != null && !earlier.equals(event)) {
        throw reorganised(origin, earlier.origin());
      }
    }

    List<ChainEvent> events() {
      return List.copyOf(events.values());
    }

    private static IllegalStateException reorganised(EventOrigin a, EventOrigin b) {
      return new IllegalStateException(
          "block "
              + a.blockNumber()
              + " changed while it was read ("
              + a.eventId()
              + " in "
              + a.blockHash()
              + ", "
              + b.eventId()
              + " in "
              + b.blockHash()
              + "); read the range again");
    }
  }

  private record Place(long blockNumber, long logIndex) implements Comparable<Place> {
    Place(EventOrigin origin) {
      this(origin.blockNumber(), origin.logIndex());
    }

    @Override
    public int compareTo(Place other) {
      int byBlock = Long.compare(blockNumber, other.blockNumber);
      return byBlock != 0 ? byBlock : Long.compare(logIndex, other.logIndex);
    }
  }
}
