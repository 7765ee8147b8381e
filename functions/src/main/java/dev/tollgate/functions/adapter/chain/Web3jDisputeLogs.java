package dev.tollgate.functions.adapter.chain;

import dev.tollgate.contracts.chain.EventTopics;
import dev.tollgate.functions.disputes.DisputeLogs;
import dev.tollgate.functions.events.ChainEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * {@code ChannelDisputed} logs by topic alone, over explicit block ranges of at most {@code
 * blocksPerCall} blocks: the answer grows with the disputes on the chain, never with the number of
 * channels.
 */
public final class Web3jDisputeLogs implements DisputeLogs {
  static final String CHANNEL_DISPUTED =
      EventTopics.of("ChannelMastercopy").topic("ChannelDisputed");

  private final Web3j web3j;
  private final long blocksPerCall;

  public Web3jDisputeLogs(Web3j web3j) {
    this(web3j, Web3jChainLogs.Limits.DEFAULT.blocksPerCall());
  }

  public Web3jDisputeLogs(Web3j web3j, long blocksPerCall) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    if (blocksPerCall < 1) {
      throw new IllegalArgumentException("blocksPerCall must be positive, got " + blocksPerCall);
    }
    this.blocksPerCall = blocksPerCall;
  }

  @Override
  public long headBlock() {
    return ChainHead.of(web3j);
  }

  @Override
  public List<Sighting> disputes(long fromBlock, long toBlock) {
    if (fromBlock < 0) {
      throw new IllegalArgumentException("fromBlock must not be negative, got " + fromBlock);
    }
    List<Sighting> found = new ArrayList<>();
    long span = blocksPerCall - 1;
    for (long from = fromBlock, to; from <= toBlock; from = to + 1) {
      to = toBlock - from <= span ? toBlock : from + span;
      found.addAll(read(from, to));
      if (to == toBlock) {
        break;
      }
    }
    return found;
  }

  private List<Sighting> read(long from, long to) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            List.of());
    filter.addSingleTopic(CHANNEL_DISPUTED);
    String call = "eth_getLogs of ChannelDisputed for blocks " + from + ".." + to;
    EthLog response;
    try {
      response = web3j.ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new IllegalStateException(call + " could not reach the node", e);
    }
    if (response.hasError()) {
      throw new IllegalStateException(call + " failed: " + response.getError().getMessage());
    }
    List<Sighting> sightings = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (!(result.get() instanceof Log log)) {
        throw new IllegalStateException(call + " returned a log hash instead of a log");
      }
      ChainEvent event;
      try {
        event = LogDecoder.decode(log).orElse(null);
      } catch (MalformedLogException notOurs) {
        // Anyone's contract can log this topic with any data: one that does not decode is not a
        // channel's.
        continue;
      }
      if (event instanceof ChainEvent.ChannelDisputed d) {
        sightings.add(
            new Sighting(
                d.channel(),
                d.state().alice(),
                d.state().bob(),
                d.state().nonce(),
                d.disputer(),
                d.origin().blockNumber()));
      }
    }
    return sightings;
  }
}
