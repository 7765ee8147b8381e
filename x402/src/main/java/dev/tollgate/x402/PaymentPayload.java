package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import java.util.Objects;
import java.util.Optional;

/**
 * x402 v2 {@code PaymentPayload}, the {@code PAYMENT-SIGNATURE} header of the paid retry: the
 * requirement the payer chose, echoed unchanged, and the scheme's payload, which for {@value
 * PaymentRequirements#SCHEME} is the payer's signed create update in channel-core JSON (vector's
 * {@code ChannelUpdate} fields). The codec reads any update type; that it is a create matching the
 * quote is the gateway's quote book's business.
 *
 * @param resource the resource the payer believes it pays for (x402: optional); the gateway binds
 *     the quote to the URL actually requested, never to this
 */
public record PaymentPayload(
    Optional<ResourceInfo> resource,
    PaymentRequirements accepted,
    ChannelUpdate payload,
    Optional<ObjectNode> extensions)
    implements X402Message, SchemePayment {

  public PaymentPayload {
    resource = resource == null ? Optional.empty() : resource;
    Objects.requireNonNull(accepted, "accepted");
    Objects.requireNonNull(payload, "payload");
    extensions = PaymentRequired.copyOf(extensions);
  }

  public static PaymentPayload of(
      ResourceInfo resource, PaymentRequirements accepted, ChannelUpdate create) {
    return new PaymentPayload(Optional.of(resource), accepted, create, Optional.empty());
  }

  @Override
  public ChannelUpdate create() {
    return payload;
  }

  @Override
  public Optional<ObjectNode> extensions() {
    return PaymentRequired.copyOf(extensions);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("x402Version", X402Headers.X402_VERSION);
    resource.ifPresent(r -> o.set("resource", r.toJson()));
    o.set("accepted", accepted.toJson());
    o.set("payload", ChannelJson.toJson(payload));
    extensions.ifPresent(e -> o.set("extensions", e.deepCopy()));
    return o;
  }

  public static PaymentPayload fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    X402Headers.checkVersion(f);
    return new PaymentPayload(
        f.optionalObject("resource").map(r -> ResourceInfo.fromJson(r.node(), f.at("resource"))),
        PaymentRequirements.fromJson(f.object("accepted").node(), f.at("accepted")),
        f.update("payload"),
        f.optionalRawObject("extensions"));
  }
}
