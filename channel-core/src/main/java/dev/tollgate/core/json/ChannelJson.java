package dev.tollgate.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.Balance;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.transfer.HashlockResolver;
import dev.tollgate.core.transfer.HashlockState;
import dev.tollgate.core.transfer.TransferInitialState;
import dev.tollgate.core.transfer.TransferResolver;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.transfer.WithdrawResolver;
import dev.tollgate.core.transfer.WithdrawState;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.TransferMeta;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.update.UpdateType;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON form of states, transfers and updates. Field names follow vector's TypeScript types;
 * amounts are decimal strings, bytes 0x-hex, addresses EIP-55, nonces and chain ids numbers.
 * Identifiers ({@code fromIdentifier}, {@code toIdentifier}) are the parties' addresses.
 */
public final class ChannelJson {
  /**
   * Strict: duplicate keys and trailing content are errors, so no two readers see different values.
   */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int ZERO_SIGNATURE_BYTES = 65;

  private ChannelJson() {}

  public static JsonNode parse(String json) {
    try {
      JsonNode node = json == null ? null : MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new JsonFormatException("", "input is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new JsonFormatException("", "not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  // ---- reading ----

  public static Balance balance(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    List<Uint256> amount = f.uints("amount");
    List<Address> to = f.addresses("to");
    if (amount.size() != 2) {
      throw new JsonFormatException(
          f.at("amount"), "a balance has exactly two amounts, got " + amount.size());
    }
    if (to.size() != 2) {
      throw new JsonFormatException(
          f.at("to"), "a balance has exactly two recipients, got " + to.size());
    }
    return new Balance(amount.get(0), amount.get(1), to.get(0), to.get(1));
  }

  public static NetworkContext networkContext(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    return guard(
        path,
        () ->
            new NetworkContext(
                f.integer("chainId"),
                f.address("channelFactoryAddress"),
                f.address("transferRegistryAddress")));
  }

  public static CoreChannelState coreChannelState(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    List<Balance> balances = f.array("balances", ChannelJson::balance);
    return guard(
        path,
        () ->
            new CoreChannelState(
                f.address("channelAddress"),
                f.address("alice"),
                f.address("bob"),
                f.addresses("assetIds"),
                balances,
                f.uints("processedDepositsA"),
                f.uints("processedDepositsB"),
                f.uints("defundNonces"),
                f.uint("timeout"),
                f.integer("nonce"),
                f.bytes32("merkleRoot")));
  }

  public static CoreTransferState coreTransferState(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    return new CoreTransferState(
        f.address("channelAddress"),
        f.bytes32("transferId"),
        f.address("transferDefinition"),
        f.address("initiator"),
        f.address("responder"),
        f.address("assetId"),
        balance(f.object("balance").node(), f.at("balance")),
        f.uint("transferTimeout"),
        f.bytes32("initialStateHash"));
  }

  /** A hashlock state has {@code lockHash}; a withdraw state has {@code initiatorSignature}. */
  public static TransferInitialState transferInitialState(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    if (f.has("lockHash")) {
      return new HashlockState(f.bytes32("lockHash"), f.uint("expiry"));
    }
    if (f.has("initiatorSignature")) {
      return new WithdrawState(
          f.signature("initiatorSignature"),
          f.address("initiator"),
          f.address("responder"),
          f.bytes32("data"),
          f.uint("nonce"),
          f.uint("fee"),
          f.address("callTo"),
          f.bytes("callData"));
    }
    throw new JsonFormatException(
        path,
        "neither a hashlock state (lockHash, expiry) nor a withdraw state (initiatorSignature, ...)");
  }

  /**
   * {@code preImage} for a hashlock; {@code responderSignature} (65 zero bytes = cancel) for a
   * withdraw.
   */
  public static TransferResolver transferResolver(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    if (f.has("preImage")) {
      return new HashlockResolver(f.bytes32("preImage"));
    }
    if (f.has("responderSignature")) {
      byte[] raw = f.bytes("responderSignature");
      if (raw.length == ZERO_SIGNATURE_BYTES && isAllZero(raw)) {
        return WithdrawResolver.cancel();
      }
      return WithdrawResolver.signed(f.signature("responderSignature"));
    }
    throw new JsonFormatException(
        path, "neither a hashlock (preImage) nor a withdraw (responderSignature) resolver");
  }

  public static ChannelUpdate update(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    UpdateType type =
        JsonFields.parseText(node.get("type"), f.at("type"), UpdateType::fromWireName);
    JsonFields d = f.object("details");
    UpdateDetails details =
        switch (type) {
          case SETUP ->
              new UpdateDetails.Setup(
                  d.uint("timeout"),
                  networkContext(d.object("networkContext").node(), d.at("networkContext")));
          case DEPOSIT ->
              new UpdateDetails.Deposit(d.uint("totalDepositsAlice"), d.uint("totalDepositsBob"));
          case CREATE ->
              new UpdateDetails.Create(
                  d.bytes32("transferId"),
                  balance(d.object("balance").node(), d.at("balance")),
                  d.address("transferDefinition"),
                  d.uint("transferTimeout"),
                  transferInitialState(
                      d.object("transferInitialState").node(), d.at("transferInitialState")),
                  d.texts("transferEncodings"),
                  d.bytes32("merkleRoot"),
                  meta(d));
          case RESOLVE ->
              new UpdateDetails.Resolve(
                  d.bytes32("transferId"),
                  d.address("transferDefinition"),
                  transferResolver(d.object("transferResolver").node(), d.at("transferResolver")),
                  d.bytes32("merkleRoot"));
        };
    long nonce = f.integer("nonce");
    return guard(
        path,
        () ->
            new ChannelUpdate(
                f.address("channelAddress"),
                f.address("fromIdentifier"),
                f.address("toIdentifier"),
                nonce,
                balance(f.object("balance").node(), f.at("balance")),
                f.address("assetId"),
                details,
                f.optionalSignature("aliceSignature"),
                f.optionalSignature("bobSignature")));
  }

  public static ActiveTransfer activeTransfer(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    CoreTransferState core = coreTransferState(node, path);
    TransferInitialState state =
        transferInitialState(f.object("transferState").node(), f.at("transferState"));
    return guard(path, () -> ActiveTransfer.of(core, state, f.integer("channelNonce")));
  }

  /** A full channel: the core state plus networkContext, latestUpdate and activeTransfers. */
  public static Channel channel(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    CoreChannelState core = coreChannelState(node, path);
    NetworkContext network =
        networkContext(f.object("networkContext").node(), f.at("networkContext"));
    Optional<ChannelUpdate> latest =
        f.optionalObject("latestUpdate").map(u -> update(u.node(), u.path()));
    TreeMap<dev.tollgate.core.value.Bytes32, ActiveTransfer> active = new TreeMap<>();
    if (f.has("activeTransfers")) {
      for (ActiveTransfer t : f.array("activeTransfers", ChannelJson::activeTransfer)) {
        active.put(t.transferId(), t);
      }
    }
    return guard(path, () -> new Channel(core, network, latest, active));
  }

  public static WithdrawData withdrawData(JsonNode node, String path) {
    JsonFields f = JsonFields.of(node, path);
    return new WithdrawData(
        f.address("channelAddress"),
        f.address("assetId"),
        f.address("recipient"),
        f.uint("amount"),
        f.uint("nonce"),
        f.address("callTo"),
        f.bytes("callData"));
  }

  // ---- writing ----

  public static ObjectNode toJson(Balance b) {
    ObjectNode o = F.objectNode();
    o.putArray("amount").add(b.amount0().toDecimal()).add(b.amount1().toDecimal());
    o.putArray("to").add(b.to0().toString()).add(b.to1().toString());
    return o;
  }

  public static ObjectNode toJson(NetworkContext n) {
    ObjectNode o = F.objectNode();
    o.put("chainId", n.chainId());
    o.put("channelFactoryAddress", n.channelFactoryAddress().toString());
    o.put("transferRegistryAddress", n.transferRegistryAddress().toString());
    return o;
  }

  public static ObjectNode toJson(CoreChannelState s) {
    ObjectNode o = F.objectNode();
    o.put("channelAddress", s.channelAddress().toString());
    o.put("alice", s.alice().toString());
    o.put("bob", s.bob().toString());
    o.set("assetIds", array(s.assetIds(), a -> F.textNode(a.toString())));
    o.set("balances", array(s.balances(), ChannelJson::toJson));
    o.set("processedDepositsA", array(s.processedDepositsA(), u -> F.textNode(u.toDecimal())));
    o.set("processedDepositsB", array(s.processedDepositsB(), u -> F.textNode(u.toDecimal())));
    o.set("defundNonces", array(s.defundNonces(), u -> F.textNode(u.toDecimal())));
    o.put("timeout", s.timeout().toDecimal());
    o.put("nonce", s.nonce());
    o.put("merkleRoot", s.merkleRoot().toHex());
    return o;
  }

  public static ObjectNode toJson(CoreTransferState t) {
    ObjectNode o = F.objectNode();
    o.put("channelAddress", t.channelAddress().toString());
    o.put("transferId", t.transferId().toHex());
    o.put("transferDefinition", t.transferDefinition().toString());
    o.put("initiator", t.initiator().toString());
    o.put("responder", t.responder().toString());
    o.put("assetId", t.assetId().toString());
    o.set("balance", toJson(t.balance()));
    o.put("transferTimeout", t.transferTimeout().toDecimal());
    o.put("initialStateHash", t.initialStateHash().toHex());
    return o;
  }

  public static ObjectNode toJson(TransferInitialState state) {
    ObjectNode o = F.objectNode();
    if (state instanceof HashlockState h) {
      o.put("lockHash", h.lockHash().toHex());
      o.put("expiry", h.expiry().toDecimal());
    } else {
      WithdrawState w = (WithdrawState) state;
      o.put("initiatorSignature", w.initiatorSignature().toHex());
      o.put("initiator", w.initiator().toString());
      o.put("responder", w.responder().toString());
      o.put("data", w.data().toHex());
      o.put("nonce", w.nonce().toDecimal());
      o.put("fee", w.fee().toDecimal());
      o.put("callTo", w.callTo().toString());
      o.put("callData", Hex.encode(w.callData()));
    }
    return o;
  }

  public static ObjectNode toJson(TransferResolver resolver) {
    ObjectNode o = F.objectNode();
    if (resolver instanceof HashlockResolver h) {
      o.put("preImage", h.preImage().toHex());
    } else {
      WithdrawResolver w = (WithdrawResolver) resolver;
      o.put(
          "responderSignature",
          w.responderSignature()
              .map(Signature::toHex)
              .orElse(Hex.encode(new byte[ZERO_SIGNATURE_BYTES])));
    }
    return o;
  }

  public static ObjectNode toJson(ChannelUpdate u) {
    ObjectNode o = F.objectNode();
    o.put("channelAddress", u.channelAddress().toString());
    o.put("fromIdentifier", u.fromIdentifier().toString());
    o.put("toIdentifier", u.toIdentifier().toString());
    o.put("type", u.type().wireName());
    o.put("nonce", u.nonce());
    o.set("balance", toJson(u.balance()));
    o.put("assetId", u.assetId().toString());
    o.set("details", toJson(u.details()));
    u.aliceSignature().ifPresent(s -> o.put("aliceSignature", s.toHex()));
    u.bobSignature().ifPresent(s -> o.put("bobSignature", s.toHex()));
    return o;
  }

  /** A create's optional {@code meta}: any JSON object, not part of the signed state. */
  private static TransferMeta meta(JsonFields d) {
    Optional<JsonFields> meta = d.optionalObject("meta");
    if (meta.isEmpty()) {
      return TransferMeta.NONE;
    }
    ObjectNode json = (ObjectNode) meta.get().node();
    int size = TransferMeta.sizeOf(json);
    if (size > TransferMeta.MAX_BYTES) {
      throw new JsonFormatException(
          d.at("meta"),
          "is " + size + " bytes as JSON; at most " + TransferMeta.MAX_BYTES + " are taken");
    }
    return TransferMeta.of(json);
  }

  private static ObjectNode toJson(UpdateDetails details) {
    ObjectNode o = F.objectNode();
    if (details instanceof UpdateDetails.Setup s) {
      o.put("timeout", s.timeout().toDecimal());
      o.set("networkContext", toJson(s.networkContext()));
    } else if (details instanceof UpdateDetails.Deposit d) {
      o.put("totalDepositsAlice", d.totalDepositsAlice().toDecimal());
      o.put("totalDepositsBob", d.totalDepositsBob().toDecimal());
    } else if (details instanceof UpdateDetails.Create c) {
      o.put("transferId", c.transferId().toHex());
      o.set("balance", toJson(c.balance()));
      o.put("transferDefinition", c.transferDefinition().toString());
      o.put("transferTimeout", c.transferTimeout().toDecimal());
      o.set("transferInitialState", toJson(c.transferInitialState()));
      o.set("transferEncodings", array(c.transferEncodings(), F::textNode));
      o.put("merkleRoot", c.merkleRoot().toHex());
      if (!c.meta().isEmpty()) {
        o.set("meta", c.meta().json());
      }
    } else {
      UpdateDetails.Resolve r = (UpdateDetails.Resolve) details;
      o.put("transferId", r.transferId().toHex());
      o.put("transferDefinition", r.transferDefinition().toString());
      o.set("transferResolver", toJson(r.transferResolver()));
      o.put("merkleRoot", r.merkleRoot().toHex());
    }
    return o;
  }

  public static ObjectNode toJson(ActiveTransfer t) {
    ObjectNode o = toJson(t.core());
    o.set("transferState", toJson(t.initialState()));
    o.put("channelNonce", t.channelNonce());
    return o;
  }

  public static ObjectNode toJson(Channel c) {
    ObjectNode o = toJson(c.state());
    o.set("networkContext", toJson(c.network()));
    c.latestUpdate().ifPresent(u -> o.set("latestUpdate", toJson(u)));
    o.set("activeTransfers", array(List.copyOf(c.activeTransfers().values()), ChannelJson::toJson));
    return o;
  }

  public static ObjectNode toJson(WithdrawData d) {
    ObjectNode o = F.objectNode();
    o.put("channelAddress", d.channelAddress().toString());
    o.put("assetId", d.assetId().toString());
    o.put("recipient", d.recipient().toString());
    o.put("amount", d.amount().toDecimal());
    o.put("nonce", d.nonce().toDecimal());
    o.put("callTo", d.callTo().toString());
    o.put("callData", Hex.encode(d.callData()));
    return o;
  }

  private static <T> ArrayNode array(List<T> items, Function<T, JsonNode> f) {
    ArrayNode a = F.arrayNode();
    items.forEach(i -> a.add(f.apply(i)));
    return a;
  }

  private static boolean isAllZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Turns a value type's own precondition failure into a path-named JSON error. */
  private static <T> T guard(String path, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (JsonFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, e.getMessage());
    } catch (NullPointerException e) {
      // the JDK's message names this code's variables and methods, not the input: not for a caller
      throw new JsonFormatException(path, "a required value is missing");
    }
  }
}
