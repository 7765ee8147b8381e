package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Bytes32;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code PaymentPayload} of a {@link PayerLockRequirements}: {@code payload} is {@code {update,
 * lockSalt}}, the signed create and the salt its lock was made from ({@link PayerLock}). The
 * resource is required, since the lock is bound to its URL.
 */
public record PayerLockedPayment(
    ResourceInfo resourceInfo,
    PayerLockRequirements accepted,
    ChannelUpdate update,
    Bytes32 lockSalt,
    Optional<ObjectNode> extensions)
    implements X402Message, SchemePayment {

  public PayerLockedPayment {
    Objects.requireNonNull(resourceInfo, "resourceInfo");
    Objects.requireNonNull(accepted, "accepted");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(lockSalt, "lockSalt");
    extensions = PaymentRequired.copyOf(extensions);
  }

  @Override
  public ChannelUpdate create() {
    return update;
  }

  @Override
  public Optional<ResourceInfo> resource() {
    return Optional.of(resourceInfo);
  }

  @Override
  public Optional<ObjectNode> extensions() {
    return PaymentRequired.copyOf(extensions);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("x402Version", X402Headers.X402_VERSION);
    o.set("resource", resourceInfo.toJson());
    o.set("accepted", accepted.toJson());
    ObjectNode payload = o.putObject("payload");
    payload.set("update", ChannelJson.toJson(update));
    payload.put("lockSalt", lockSalt.toHex());
    extensions.ifPresent(e -> o.set("extensions", e.deepCopy()));
    return o;
  }

  public static PayerLockedPayment fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    X402Headers.checkVersion(f);
    X402Fields payload = f.object("payload");
    return new PayerLockedPayment(
        ResourceInfo.fromJson(f.object("resource").node(), f.at("resource")),
        PayerLockRequirements.fromJson(f.object("accepted").node(), f.at("accepted")),
        payload.update("update"),
        payload.bytes32("lockSalt"),
        f.optionalRawObject("extensions"));
  }
}
