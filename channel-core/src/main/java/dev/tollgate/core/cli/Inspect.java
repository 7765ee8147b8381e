package dev.tollgate.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.abi.ChannelAbi;
import dev.tollgate.core.channel.ActiveTransfer;
import dev.tollgate.core.channel.CoreChannelState;
import dev.tollgate.core.channel.CoreTransferState;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.hash.ChannelHashes;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.json.JsonFormatException;
import dev.tollgate.core.transfer.TransferInitialState;
import dev.tollgate.core.transfer.WithdrawData;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads one JSON object on stdin and prints what Tollgate computes for it: encodings, hashes, the
 * digest that gets signed and the signer each signature recovers to. Another implementation checks
 * itself against Tollgate by piping its own objects through this.
 *
 * <p>Accepted objects (vector's field names): a channel state (optionally with {@code
 * aliceSignature}/{@code bobSignature}, {@code latestUpdate} and {@code activeTransfers}); a
 * transfer (optionally with {@code channelNonce} and {@code transferState}); a withdraw data object
 * (optionally with signatures); or {@code {"digest", "signature"}}.
 */
public final class Inspect {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Inspect() {}

  public static void main(String[] args) throws IOException {
    String input = readAll(System.in);
    try {
      System.out.println(ChannelJson.write(inspect(ChannelJson.parse(input))));
    } catch (JsonFormatException e) {
      System.err.println("tollgate inspect: " + e.getMessage());
      System.exit(2);
    }
  }

  public static ObjectNode inspect(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new JsonFormatException("", "expected one JSON object");
    }
    if (node.has("digest") && node.has("signature")) {
      return recover(node);
    }
    if (node.has("recipient") && node.has("callData")) {
      return withdraw(node);
    }
    if (node.has("transferId") && node.has("initialStateHash")) {
      return transfer(node);
    }
    if (node.has("balances")) {
      return channelState(node);
    }
    throw new JsonFormatException(
        "",
        "not a channel state (balances), transfer (transferId, initialStateHash), withdraw data"
            + " (recipient, callData) or signature check (digest, signature)");
  }

  private static ObjectNode channelState(JsonNode node) {
    CoreChannelState state = ChannelJson.coreChannelState(node, "");
    Bytes32 commitment = ChannelHashes.channelCommitment(state);
    Bytes32 digest = ChannelHashes.signedDigest(commitment);
    ObjectNode out = F.objectNode();
    out.put("kind", "channelState");
    out.put("encoded", Hex.encode(ChannelAbi.encode(state)));
    out.put("stateHash", ChannelHashes.stateHash(state).toHex());
    out.put("channelCommitment", commitment.toHex());
    out.put("digest", digest.toHex());
    JsonNode sigSource = node.has("latestUpdate") ? node.get("latestUpdate") : node;
    ObjectNode sigs = out.putObject("signatures");
    signer(sigSource, "aliceSignature", digest, Optional.of(state.alice()), sigs);
    signer(sigSource, "bobSignature", digest, Optional.of(state.bob()), sigs);
    if (node.has("activeTransfers")) {
      TreeMap<Bytes32, ActiveTransfer> byId = new TreeMap<>();
      JsonNode transfers = node.get("activeTransfers");
      if (!transfers.isArray()) {
        throw new JsonFormatException("activeTransfers", "expected an array of transfers");
      }
      for (int i = 0; i < transfers.size(); i++) {
        ActiveTransfer t =
            ChannelJson.activeTransfer(transfers.get(i), "activeTransfers[" + i + "]");
        byId.put(t.transferId(), t);
      }
      Bytes32 root = ActiveTransfer.merkleRoot(byId);
      ObjectNode m = out.putObject("merkleRoot");
      m.put("computed", root.toHex());
      m.put("matches", root.equals(state.merkleRoot()));
    }
    return out;
  }

  private static ObjectNode transfer(JsonNode node) {
    CoreTransferState t = ChannelJson.coreTransferState(node, "");
    ObjectNode out = F.objectNode();
    out.put("kind", "transfer");
    out.put("encoded", Hex.encode(ChannelAbi.encode(t)));
    out.put("transferStateHash", ChannelHashes.transferStateHash(t).toHex());
    if (node.has("channelNonce")) {
      Bytes32 id =
          ChannelHashes.transferId(
              t.transferDefinition(),
              t.channelAddress(),
              t.transferTimeout(),
              node.get("channelNonce").asLong());
      ObjectNode o = out.putObject("transferId");
      o.put("computed", id.toHex());
      o.put("matches", id.equals(t.transferId()));
    }
    if (node.has("transferState")) {
      TransferInitialState s =
          ChannelJson.transferInitialState(node.get("transferState"), "transferState");
      ObjectNode o = out.putObject("initialStateHash");
      o.put("encodedState", Hex.encode(s.encode()));
      o.put("computed", s.hash().toHex());
      o.put("matches", s.hash().equals(t.initialStateHash()));
    }
    return out;
  }

  private static ObjectNode withdraw(JsonNode node) {
    WithdrawData d = ChannelJson.withdrawData(node, "");
    Bytes32 commitment = ChannelHashes.withdrawCommitment(d);
    Bytes32 digest = ChannelHashes.signedDigest(commitment);
    ObjectNode out = F.objectNode();
    out.put("kind", "withdrawData");
    out.put("encoded", Hex.encode(ChannelAbi.encode(d)));
    out.put("withdrawDataHash", ChannelHashes.withdrawDataHash(d).toHex());
    out.put("commitment", commitment.toHex());
    out.put("digest", digest.toHex());
    ObjectNode sigs = out.putObject("signatures");
    signer(node, "aliceSignature", digest, Optional.empty(), sigs);
    signer(node, "bobSignature", digest, Optional.empty(), sigs);
    return out;
  }

  private static ObjectNode recover(JsonNode node) {
    Bytes32 digest = parse("digest", () -> Bytes32.fromHex(node.get("digest").asText()));
    ObjectNode out = F.objectNode();
    out.put("kind", "signatureCheck");
    signer(node, "signature", digest, Optional.empty(), out);
    return out;
  }

  private static void signer(
      JsonNode node, String field, Bytes32 digest, Optional<Address> expected, ObjectNode out) {
    if (!node.has(field) || node.get(field).isNull()) {
      return;
    }
    Signature sig = parse(field, () -> Signature.fromHex(node.get(field).asText()));
    ObjectNode o = out.putObject(field);
    Optional<Address> who = Secp256k1Signatures.recover(digest, sig);
    if (who.isEmpty()) {
      o.putNull("signer");
      o.put("error", "the signature does not recover to any public key for this digest");
    } else {
      o.put("signer", who.get().toString());
    }
    expected.ifPresent(e -> o.put("matches", who.map(e::equals).orElse(false)));
  }

  private static <T> T parse(String field, java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(field, e.getMessage());
    }
  }

  private static String readAll(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
