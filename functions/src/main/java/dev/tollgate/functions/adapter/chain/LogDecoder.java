package dev.tollgate.functions.adapter.chain;

import static dev.tollgate.functions.adapter.chain.AbiData.WORD;

import dev.tollgate.contracts.chain.EventTopics;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.EventOrigin;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns one log into the {@link ChainEvent} it records. Which event a log is follows from its first
 * topic alone; which emitters to trust is the query's business ({@link Web3jChainLogs}).
 */
final class LogDecoder {
  static final String CHANNEL_CREATION = EventTopics.of("ChannelFactory").topic("ChannelCreation");

  /** Any ERC20's {@code Transfer}: the standard's signature, not one token's ABI. */
  static final String ERC20_TRANSFER =
      Hex.encode(
          Keccak.digest("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII)));

  /** The channel contract's events, every one of them in the catalogue. */
  static final List<String> CHANNEL_EVENTS =
      List.of(
          "AliceDeposited",
          "ChannelDisputed",
          "ChannelDefunded",
          "TransferDisputed",
          "TransferDefunded",
          "WithdrawalExecuted",
          "Exited");

  static final List<String> CHANNEL_TOPICS =
      CHANNEL_EVENTS.stream().map(EventTopics.of("ChannelMastercopy")::topic).toList();

  private static final Map<String, String> EVENT_OF_TOPIC = eventOfTopic();

  // Word sizes of the adjudicator's static structs.
  private static final int BALANCE_WORDS = 4;
  private static final int TRANSFER_STATE_WORDS = 8 + BALANCE_WORDS;
  private static final int CHANNEL_DISPUTE_WORDS = 5;
  private static final int TRANSFER_DISPUTE_WORDS = 3;

  private LogDecoder() {}

  /** The event {@code log} records; empty for a removed log or one outside the catalogue. */
  static Optional<ChainEvent> decode(Log log) {
    if (log.isRemoved() || log.getTopics() == null || log.getTopics().isEmpty()) {
      return Optional.empty();
    }
    String event = EVENT_OF_TOPIC.get(log.getTopics().get(0).toLowerCase(Locale.ROOT));
    if (event == null) {
      return Optional.empty();
    }
    String name = event + " log " + log.getTransactionHash() + ":" + log.getLogIndexRaw();
    Parts parts = new Parts(log, name);
    return Optional.of(
        switch (event) {
          case "ChannelCreation" -> channelCreated(parts);
          case "Transfer" -> tokenDeposited(parts);
          case "AliceDeposited" -> aliceDeposited(parts);
          case "ChannelDisputed" -> channelDisputed(parts);
          case "ChannelDefunded" -> channelDefunded(parts);
          case "TransferDisputed" -> transferDisputed(parts);
          case "TransferDefunded" -> transferDefunded(parts);
          case "WithdrawalExecuted" -> withdrawalExecuted(parts);
          case "Exited" -> exited(parts);
          default -> throw new IllegalStateException("no decoder for " + event);
        });
  }

  private static ChainEvent channelCreated(Parts p) {
    p.requireTopics(4);
    p.data.requireWords(0);
    return new ChainEvent.ChannelCreated(
        p.origin(), p.topicAddress(1), p.topicAddress(2), p.topicAddress(3));
  }

  /** The channel is the recipient: bob deposits by a plain transfer to the channel address. */
  private static ChainEvent tokenDeposited(Parts p) {
    p.requireTopics(3);
    p.data.requireWords(1);
    return new ChainEvent.TokenDeposited(
        p.origin(), p.topicAddress(2), p.emitter(), p.topicAddress(1), p.data.uint(0));
  }

  private static ChainEvent aliceDeposited(Parts p) {
    p.requireTopics(2);
    p.data.requireWords(1);
    return new ChainEvent.AliceDeposited(
        p.origin(), p.emitter(), p.topicAddress(1), p.data.uint(0));
  }

  /** {@code (address disputer, CoreChannelState state, ChannelDispute dispute)}. */
  private static ChainEvent channelDisputed(Parts p) {
    p.requireTopics(1);
    AbiData d = p.data;
    d.requireAtLeastWords(2 + CHANNEL_DISPUTE_WORDS);
    return new ChainEvent.ChannelDisputed(
        p.origin(),
        p.emitter(),
        d.address(0),
        channelState(d, d.pointer(WORD, 0)),
        channelDispute(d, 2 * WORD));
  }

  /**
   * {@code (address defunder, CoreChannelState state, ChannelDispute dispute, address[] assetIds)};
   * the defunded nonce is the state's.
   */
  private static ChainEvent channelDefunded(Parts p) {
    p.requireTopics(1);
    AbiData d = p.data;
    int assetIdsHead = (2 + CHANNEL_DISPUTE_WORDS) * WORD;
    d.requireAtLeastWords(3 + CHANNEL_DISPUTE_WORDS);
    CoreChannelState state = channelState(d, d.pointer(WORD, 0));
    return new ChainEvent.ChannelDefunded(
        p.origin(),
        p.emitter(),
        d.address(0),
        state.nonce(),
        d.addresses(d.pointer(assetIdsHead, 0)));
  }

  /** {@code (address disputer, CoreTransferState state, TransferDispute dispute)}, all static. */
  private static ChainEvent transferDisputed(Parts p) {
    p.requireTopics(1);
    AbiData d = p.data;
    d.requireWords(1 + TRANSFER_STATE_WORDS + TRANSFER_DISPUTE_WORDS);
    int dispute = (1 + TRANSFER_STATE_WORDS) * WORD;
    return new ChainEvent.TransferDisputed(
        p.origin(),
        p.emitter(),
        d.address(0),
        transferState(d, WORD),
        d.integer(dispute + WORD, "transferDisputeExpiry"));
  }

  /**
   * {@code (address defunder, CoreTransferState state, TransferDispute dispute, bytes
   * encodedInitialState, bytes encodedResolver, Balance balance)}: the balance is what the transfer
   * paid out.
   */
  private static ChainEvent transferDefunded(Parts p) {
    p.requireTopics(1);
    AbiData d = p.data;
    int balance = (1 + TRANSFER_STATE_WORDS + TRANSFER_DISPUTE_WORDS + 2) * WORD;
    d.requireAtLeastWords(balance / WORD + BALANCE_WORDS);
    CoreTransferState transfer = transferState(d, WORD);
    return new ChainEvent.TransferDefunded(
        p.origin(), p.emitter(), d.address(0), transfer.transferId(), d.balance(balance));
  }

  private static ChainEvent withdrawalExecuted(Parts p) {
    p.requireTopics(3);
    p.data.requireWords(2);
    return new ChainEvent.WithdrawalExecuted(
        p.origin(),
        p.emitter(),
        p.topicWord(1),
        p.topicAddress(2),
        p.data.address(0),
        p.data.uint(WORD));
  }

  private static ChainEvent exited(Parts p) {
    p.requireTopics(3);
    p.data.requireWords(2);
    return new ChainEvent.Exited(
        p.origin(),
        p.emitter(),
        p.topicAddress(1),
        p.topicAddress(2),
        p.data.address(0),
        p.data.uint(WORD));
  }

  /** A {@code CoreChannelState} tuple whose head starts at byte {@code at}. */
  private static CoreChannelState channelState(AbiData d, int at) {
    return build(
        d,
        "state",
        () ->
            new CoreChannelState(
                d.address(at),
                d.address(at + WORD),
                d.address(at + 2 * WORD),
                d.addresses(d.pointer(at + 3 * WORD, at)),
                d.array(d.pointer(at + 4 * WORD, at), BALANCE_WORDS, d::balance),
                d.uints(d.pointer(at + 5 * WORD, at)),
                d.uints(d.pointer(at + 6 * WORD, at)),
                d.uints(d.pointer(at + 7 * WORD, at)),
                d.uint(at + 8 * WORD),
                d.integer(at + 9 * WORD, "state.nonce"),
                d.bytes32(at + 10 * WORD)));
  }

  private static CoreTransferState transferState(AbiData d, int at) {
    return new CoreTransferState(
        d.address(at),
        d.bytes32(at + WORD),
        d.address(at + 2 * WORD),
        d.address(at + 3 * WORD),
        d.address(at + 4 * WORD),
        d.address(at + 5 * WORD),
        d.balance(at + 6 * WORD),
        d.uint(at + 10 * WORD),
        d.bytes32(at + 11 * WORD));
  }

  private static OnChainDispute channelDispute(AbiData d, int at) {
    return new OnChainDispute(
        d.bytes32(at),
        d.integer(at + WORD, "dispute.nonce"),
        d.bytes32(at + 2 * WORD),
        d.integer(at + 3 * WORD, "dispute.consensusExpiry"),
        d.integer(at + 4 * WORD, "dispute.defundExpiry"));
  }

  /** A value type's own precondition failure, reported as the log's. */
  private static <T> T build(AbiData d, String what, Supplier<T> value) {
    try {
      return value.get();
    } catch (MalformedLogException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw d.malformed(what + ": " + e.getMessage());
    }
  }

  private static Map<String, String> eventOfTopic() {
    java.util.HashMap<String, String> map = new java.util.HashMap<>();
    map.put(CHANNEL_CREATION, "ChannelCreation");
    map.put(ERC20_TRANSFER, "Transfer");
    for (int i = 0; i < CHANNEL_EVENTS.size(); i++) {
      map.put(CHANNEL_TOPICS.get(i), CHANNEL_EVENTS.get(i));
    }
    return Map.copyOf(map);
  }

  /** The parts of one log, each read with the log's name ready for an error. */
  private static final class Parts {
    final Log log;
    final String name;
    final AbiData data;

    Parts(Log log, String name) {
      this.log = log;
      this.name = name;
      this.data = new AbiData(hexBytes(log.getData(), "data"), name);
    }

    void requireTopics(int count) {
      if (log.getTopics().size() != count) {
        throw new MalformedLogException(
            name, "has " + log.getTopics().size() + " topics, expected " + count);
      }
    }

    Address topicAddress(int index) {
      return new AbiData(hexBytes(log.getTopics().get(index), "topic " + index), name).address(0);
    }

    Bytes32 topicWord(int index) {
      return new AbiData(hexBytes(log.getTopics().get(index), "topic " + index), name).bytes32(0);
    }

    Address emitter() {
      String address = log.getAddress();
      try {
        return Address.fromHex(address == null ? null : address.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new MalformedLogException(name, "emitter: " + e.getMessage());
      }
    }

    EventOrigin origin() {
      if (log.getBlockNumberRaw() == null || log.getBlockHash() == null) {
        throw new MalformedLogException(name, "has no block (a pending log)");
      }
      if (log.getLogIndexRaw() == null || log.getTransactionHash() == null) {
        throw new MalformedLogException(name, "has no transaction hash or log index");
      }
      try {
        return new EventOrigin(
            Bytes32.fromHex(log.getTransactionHash()),
            quantity(log.getLogIndex(), "logIndex"),
            quantity(log.getBlockNumber(), "blockNumber"),
            Bytes32.fromHex(log.getBlockHash()));
      } catch (MalformedLogException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new MalformedLogException(name, "origin: " + e.getMessage());
      }
    }

    private long quantity(BigInteger value, String field) {
      if (value.signum() < 0 || value.bitLength() > 63) {
        throw new MalformedLogException(name, field + " " + value + " is out of range");
      }
      return value.longValueExact();
    }

    private byte[] hexBytes(String hex, String field) {
      try {
        return Hex.decode(hex);
      } catch (IllegalArgumentException e) {
        throw new MalformedLogException(name, field + ": " + e.getMessage());
      }
    }
  }
}
