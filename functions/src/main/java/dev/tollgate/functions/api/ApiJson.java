package dev.tollgate.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.gateway.Accepted;
import dev.tollgate.functions.gateway.SignedWithdrawal;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.util.List;

/**
 * The JSON bodies of the channel API. Channel-core's codec writes the protocol objects; this class
 * only arranges them, and parses request bodies into refusals instead of exceptions.
 */
public final class ApiJson {
  /** A request body larger than this is refused before parsing. */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  private ApiJson() {}

  public static Checked<JsonNode> body(String body) {
    if (body == null || body.isBlank()) {
      return Checked.refused(GatewayReason.MALFORMED_REQUEST, "the request has no JSON body");
    }
    if (body.length() > MAX_BODY_CHARS) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST,
          "the body is " + body.length() + " characters; the limit is " + MAX_BODY_CHARS);
    }
    try {
      JsonNode node = ChannelJson.parse(body);
      if (!node.isObject()) {
        return Checked.refused(
            GatewayReason.MALFORMED_REQUEST,
            "the body must be a JSON object, got " + node.getNodeType());
      }
      return Checked.ok(node);
    } catch (IllegalArgumentException e) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "the body is not JSON: " + e.getMessage());
    }
  }

  /** The update at {@code field} of {@code body}, or a refusal naming what is wrong with it. */
  public static Checked<ChannelUpdate> update(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Checked.refused(GatewayReason.MALFORMED_REQUEST, "the body has no '" + field + "'");
    }
    try {
      return Checked.ok(ChannelJson.update(node, field));
    } catch (IllegalArgumentException e) {
      return Checked.refused(GatewayReason.MALFORMED_REQUEST, e.getMessage());
    }
  }

  /** The text at {@code field} of {@code body}. */
  public static Checked<String> text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual()) {
      return Checked.refused(
          GatewayReason.MALFORMED_REQUEST, "the body needs a string '" + field + "'");
    }
    return Checked.ok(node.asText());
  }

  public static ObjectNode accepted(Accepted accepted) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("nonce", accepted.channel().nonce());
    out.put("replayed", accepted.replayed());
    out.set("updates", updates(accepted.updates()));
    return out;
  }

  public static ArrayNode updates(List<ChannelUpdate> updates) {
    ArrayNode array = ChannelJson.MAPPER.createArrayNode();
    updates.forEach(u -> array.add(ChannelJson.toJson(u)));
    return array;
  }

  public static ObjectNode channel(StoredChannel stored) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("nonce", stored.nonce());
    out.put("latestDoubleSignedNonce", stored.latestDoubleSigned().nonce());
    out.set("latest", ChannelJson.toJson(stored.latest()));
    return out;
  }

  public static ObjectNode withdrawal(SignedWithdrawal w) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.set("data", ChannelJson.toJson(w.data()));
    out.put("aliceSignature", w.aliceSignature().toHex());
    out.put("bobSignature", w.bobSignature().toHex());
    return out;
  }

  /**
   * {@code {error, detail}} and, for a payer that is behind, the gateway's nonce. Never a stored
   * update: a refusal answers whoever sent the request, and a double-signed state in a stranger's
   * hands lets it dispute the channel; the payer catches up with a signed read.
   */
  public static ObjectNode refusal(Refusal refusal) {
    ObjectNode out = ChannelJson.MAPPER.createObjectNode();
    out.put("error", refusal.errorReason());
    out.put("detail", refusal.detail());
    refusal.stored().ifPresent(s -> out.put("nonce", s.nonce()));
    return out;
  }

  public static String write(JsonNode node) {
    return ChannelJson.write(node);
  }
}
