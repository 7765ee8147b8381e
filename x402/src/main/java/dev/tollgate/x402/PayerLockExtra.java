package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code extra} of a payer-locked {@code vector-hashlock} requirement: {@code lock: "payer"}
 * and the contracts and timeouts of the create, with no quote in it. The payer chooses the lock
 * ({@link PayerLock}) and reveals its salt in the payload, so the requirement is the same for every
 * request of a route and a stock x402 server can build it without asking the gateway.
 *
 * <p>Unlike a quote's extra, keys this scheme does not define are kept, not refused: x402's
 * resource server writes its own (such as {@code paymentFlow}) into the requirements it offers, and
 * the payer must echo them unchanged for the server to match its payment.
 *
 * @param lockExpiry the hashlock's {@code expiry}; {@code 0} (none) is the only one offered
 * @param others the keys of other parties, as they came
 */
public record PayerLockExtra(
    Address channelFactoryAddress,
    Address transferRegistryAddress,
    Address transferDefinition,
    Uint256 transferTimeout,
    Uint256 lockExpiry,
    Optional<ObjectNode> others) {

  /** The value of {@code extra.lock} that marks a requirement as payer-locked. */
  public static final String LOCK = "payer";

  public PayerLockExtra {
    Objects.requireNonNull(channelFactoryAddress, "channelFactoryAddress");
    Objects.requireNonNull(transferRegistryAddress, "transferRegistryAddress");
    Objects.requireNonNull(transferDefinition, "transferDefinition");
    Objects.requireNonNull(transferTimeout, "transferTimeout");
    Objects.requireNonNull(lockExpiry, "lockExpiry");
    others = PaymentRequired.copyOf(others);
  }

  /** Whether a requirement's {@code extra} says the payer chooses the lock. */
  public static boolean isPayerLocked(JsonNode extra) {
    return extra != null && extra.isObject() && LOCK.equals(extra.path("lock").asText(null));
  }

  @Override
  public Optional<ObjectNode> others() {
    return PaymentRequired.copyOf(others);
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    others.ifPresent(o::setAll);
    o.put("lock", LOCK);
    o.put("channelFactoryAddress", channelFactoryAddress.toString());
    o.put("transferRegistryAddress", transferRegistryAddress.toString());
    o.put("transferDefinition", transferDefinition.toString());
    o.put("transferTimeout", transferTimeout.toDecimal());
    o.put("lockExpiry", lockExpiry.toDecimal());
    return o;
  }

  public static PayerLockExtra fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    String lock = f.nonEmptyText("lock");
    if (!LOCK.equals(lock)) {
      throw X402Fields.malformed(
          f.at("lock"), "'" + Hex.abbreviate(lock) + "' is not '" + LOCK + "'");
    }
    ObjectNode others = ((ObjectNode) node).deepCopy();
    others.remove(
        java.util.List.of(
            "lock",
            "channelFactoryAddress",
            "transferRegistryAddress",
            "transferDefinition",
            "transferTimeout",
            "lockExpiry"));
    return new PayerLockExtra(
        f.address("channelFactoryAddress"),
        f.address("transferRegistryAddress"),
        f.address("transferDefinition"),
        f.uint("transferTimeout"),
        f.uint("lockExpiry"),
        others.isEmpty() ? Optional.empty() : Optional.of(others));
  }
}
