package dev.tollgate.functions.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A payment the payer could send for {@code path} right now, never sent: a genuine quote and the
 * payer's create for it, signed by the payer ({@link #json()}, valid) and the same create signed by
 * a stranger over the same state ({@link #strangerJson()}, refused only at the very last check).
 * Mutations that might leave a payment meaning the same (a field the gateway ignores, a value
 * written another way) start from the stranger's copy, so no case can be a valid payment.
 */
record Payment(
    String path, PaymentRequirements accepted, ChannelUpdate create, ChannelUpdate strangerSigned) {

  ObjectNode json() {
    return payload(create);
  }

  ObjectNode strangerJson() {
    return payload(strangerSigned);
  }

  String header() {
    return base64(json());
  }

  String strangerHeader() {
    return base64(strangerJson());
  }

  private ObjectNode payload(ChannelUpdate update) {
    return PaymentPayload.of(new ResourceInfo(path, "", "application/json"), accepted, update)
        .toJson();
  }

  static String base64(JsonNode json) {
    try {
      return Base64.getEncoder().encodeToString(ChannelJson.MAPPER.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Compact JSON text of {@code json}. */
  static String text(JsonNode json) {
    try {
      return ChannelJson.MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
