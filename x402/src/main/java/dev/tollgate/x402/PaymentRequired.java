package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * x402 v2 {@code PaymentRequired}, the {@code PAYMENT-REQUIRED} header of a 402: the resource and
 * the ways to pay for it. {@code x402Version} is always 2 and so is not a component.
 *
 * @param error why payment is required, for people (x402: optional)
 * @param extensions x402 extensions, kept as they are
 */
public record PaymentRequired(
    Optional<String> error,
    ResourceInfo resource,
    List<PaymentRequirements> accepts,
    Optional<ObjectNode> extensions)
    implements X402Message {

  public PaymentRequired {
    error = error == null ? Optional.empty() : error;
    Objects.requireNonNull(resource, "resource");
    accepts = List.copyOf(accepts);
    if (accepts.isEmpty()) {
      throw new IllegalArgumentException("accepts must offer at least one way to pay");
    }
    extensions = copyOf(extensions);
  }

  public static PaymentRequired of(
      String error, ResourceInfo resource, PaymentRequirements requirement) {
    return new PaymentRequired(
        Optional.ofNullable(error), resource, List.of(requirement), Optional.empty());
  }

  /** A copy: a JSON tree is mutable, and a record's state must not change under its callers. */
  @Override
  public Optional<ObjectNode> extensions() {
    return copyOf(extensions);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("x402Version", X402Headers.X402_VERSION);
    error.ifPresent(e -> o.put("error", e));
    o.set("resource", resource.toJson());
    ArrayNode a = o.putArray("accepts");
    accepts.forEach(r -> a.add(r.toJson()));
    extensions.ifPresent(e -> o.set("extensions", e.deepCopy()));
    return o;
  }

  public static PaymentRequired fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    X402Headers.checkVersion(f);
    JsonNode accepts = f.node().get("accepts");
    if (accepts == null || !accepts.isArray()) {
      throw X402Fields.malformed(f.at("accepts"), "expected an array of PaymentRequirements");
    }
    if (accepts.isEmpty()) {
      throw X402Fields.malformed(f.at("accepts"), "must offer at least one way to pay");
    }
    List<PaymentRequirements> requirements = new ArrayList<>(accepts.size());
    for (int i = 0; i < accepts.size(); i++) {
      requirements.add(
          PaymentRequirements.fromJson(accepts.get(i), f.at("accepts") + "[" + i + "]"));
    }
    return new PaymentRequired(
        f.optionalText("error"),
        ResourceInfo.fromJson(f.object("resource").node(), f.at("resource")),
        requirements,
        f.optionalRawObject("extensions"));
  }

  static Optional<ObjectNode> copyOf(Optional<ObjectNode> json) {
    return json == null ? Optional.empty() : json.map(ObjectNode::deepCopy);
  }
}
