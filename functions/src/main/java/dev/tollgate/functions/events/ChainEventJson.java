package dev.tollgate.functions.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.json.JsonFields;
import dev.tollgate.core.json.JsonFormatException;
import dev.tollgate.core.port.AdjudicatorReader.OnChainDispute;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.events.ChainEvent.AliceDeposited;
import dev.tollgate.functions.events.ChainEvent.ChannelCreated;
import dev.tollgate.functions.events.ChainEvent.ChannelDefunded;
import dev.tollgate.functions.events.ChainEvent.ChannelDisputed;
import dev.tollgate.functions.events.ChainEvent.Exited;
import dev.tollgate.functions.events.ChainEvent.TokenDeposited;
import dev.tollgate.functions.events.ChainEvent.TransferDefunded;
import dev.tollgate.functions.events.ChainEvent.TransferDisputed;
import dev.tollgate.functions.events.ChainEvent.WithdrawalExecuted;
import java.util.List;
import java.util.Objects;

/**
 * The queue's message body: one {@link ChainEvent} as compact JSON with a {@code type} (the
 * record's simple name), its {@code origin}, {@code channel} and every other field. Addresses are
 * EIP-55, amounts decimal strings, hashes 0x-hex, block numbers, log indexes, nonces and expiries
 * JSON numbers; states and balances in {@link ChannelJson}'s form. Reading is strict: an unknown
 * type or a missing or malformed field is a {@link JsonFormatException} naming it.
 */
public final class ChainEventJson {
  /** Every {@code type} value, in catalogue order. */
  public static final List<String> TYPES =
      List.of(
          "ChannelCreated",
          "TokenDeposited",
          "AliceDeposited",
          "ChannelDisputed",
          "ChannelDefunded",
          "TransferDisputed",
          "TransferDefunded",
          "WithdrawalExecuted",
          "Exited");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ChainEventJson() {}

  public static String write(ChainEvent event) {
    Objects.requireNonNull(event, "event");
    try {
      return ChannelJson.MAPPER.writeValueAsString(toJson(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  public static ChainEvent read(String json) {
    JsonFields f = JsonFields.of(ChannelJson.parse(json), "");
    String type = f.text("type");
    EventOrigin origin = origin(f.object("origin"));
    Address channel = f.address("channel");
    return switch (type) {
      case "ChannelCreated" ->
          new ChannelCreated(origin, channel, f.address("alice"), f.address("bob"));
      case "TokenDeposited" ->
          new TokenDeposited(
              origin, channel, f.address("assetId"), f.address("from"), f.uint("amount"));
      case "AliceDeposited" ->
          new AliceDeposited(origin, channel, f.address("assetId"), f.uint("amount"));
      case "ChannelDisputed" ->
          new ChannelDisputed(
              origin,
              channel,
              f.address("disputer"),
              ChannelJson.coreChannelState(f.required("state"), f.at("state")),
              dispute(f.object("dispute")));
      case "ChannelDefunded" ->
          new ChannelDefunded(
              origin, channel, f.address("defunder"), f.integer("nonce"), f.addresses("assetIds"));
      case "TransferDisputed" ->
          new TransferDisputed(
              origin,
              channel,
              f.address("disputer"),
              ChannelJson.coreTransferState(f.required("transfer"), f.at("transfer")),
              f.integer("transferDisputeExpiry"));
      case "TransferDefunded" ->
          new TransferDefunded(
              origin,
              channel,
              f.address("defunder"),
              f.bytes32("transferId"),
              ChannelJson.balance(f.required("balance"), f.at("balance")));
      case "WithdrawalExecuted" ->
          new WithdrawalExecuted(
              origin,
              channel,
              f.bytes32("withdrawDataHash"),
              f.address("assetId"),
              f.address("recipient"),
              f.uint("amount"));
      case "Exited" ->
          new Exited(
              origin,
              channel,
              f.address("assetId"),
              f.address("owner"),
              f.address("recipient"),
              f.uint("amount"));
      default ->
          throw new JsonFormatException(
              "type", "unknown chain event type '" + Hex.abbreviate(type) + "'; known: " + TYPES);
    };
  }

  public static ObjectNode toJson(ChainEvent event) {
    ObjectNode o = F.objectNode();
    o.put("type", event.getClass().getSimpleName());
    o.set("origin", toJson(event.origin()));
    o.put("channel", event.channel().toString());
    if (event instanceof ChannelCreated e) {
      o.put("alice", e.alice().toString());
      o.put("bob", e.bob().toString());
    } else if (event instanceof TokenDeposited e) {
      o.put("assetId", e.assetId().toString());
      o.put("from", e.from().toString());
      o.put("amount", e.amount().toDecimal());
    } else if (event instanceof AliceDeposited e) {
      o.put("assetId", e.assetId().toString());
      o.put("amount", e.amount().toDecimal());
    } else if (event instanceof ChannelDisputed e) {
      o.put("disputer", e.disputer().toString());
      o.set("state", ChannelJson.toJson(e.state()));
      o.set("dispute", toJson(e.dispute()));
    } else if (event instanceof ChannelDefunded e) {
      o.put("defunder", e.defunder().toString());
      o.put("nonce", e.nonce());
      ArrayNode assetIds = o.putArray("assetIds");
      e.assetIds().forEach(a -> assetIds.add(a.toString()));
    } else if (event instanceof TransferDisputed e) {
      o.put("disputer", e.disputer().toString());
      o.set("transfer", ChannelJson.toJson(e.transfer()));
      o.put("transferDisputeExpiry", e.transferDisputeExpiry());
    } else if (event instanceof TransferDefunded e) {
      o.put("defunder", e.defunder().toString());
      o.put("transferId", e.transferId().toHex());
      o.set("balance", ChannelJson.toJson(e.balance()));
    } else if (event instanceof WithdrawalExecuted e) {
      o.put("withdrawDataHash", e.withdrawDataHash().toHex());
      o.put("assetId", e.assetId().toString());
      o.put("recipient", e.recipient().toString());
      o.put("amount", e.amount().toDecimal());
    } else {
      Exited e = (Exited) event;
      o.put("assetId", e.assetId().toString());
      o.put("owner", e.owner().toString());
      o.put("recipient", e.recipient().toString());
      o.put("amount", e.amount().toDecimal());
    }
    return o;
  }

  private static ObjectNode toJson(EventOrigin origin) {
    ObjectNode o = F.objectNode();
    o.put("txHash", origin.txHash().toHex());
    o.put("logIndex", origin.logIndex());
    o.put("blockNumber", origin.blockNumber());
    o.put("blockHash", origin.blockHash().toHex());
    return o;
  }

  private static ObjectNode toJson(OnChainDispute d) {
    ObjectNode o = F.objectNode();
    o.put("channelStateHash", d.channelStateHash().toHex());
    o.put("nonce", d.nonce());
    o.put("merkleRoot", d.merkleRoot().toHex());
    o.put("consensusExpiry", d.consensusExpiry());
    o.put("defundExpiry", d.defundExpiry());
    return o;
  }

  private static EventOrigin origin(JsonFields f) {
    return new EventOrigin(
        f.bytes32("txHash"),
        f.integer("logIndex"),
        f.integer("blockNumber"),
        f.bytes32("blockHash"));
  }

  private static OnChainDispute dispute(JsonFields f) {
    return new OnChainDispute(
        f.bytes32("channelStateHash"),
        f.integer("nonce"),
        f.bytes32("merkleRoot"),
        f.integer("consensusExpiry"),
        f.integer("defundExpiry"));
  }
}
