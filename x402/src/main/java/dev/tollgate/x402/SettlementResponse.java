package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.x402.refusal.PaywallReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Objects;
import java.util.Optional;

/**
 * x402 v2 {@code SettlementResponse}, the {@code PAYMENT-RESPONSE} header. The x402 fields: {@code
 * success}, {@code errorReason} (failures only), {@code payer}, {@code transaction} (here the
 * transferId: the payment settles in the channel, not in a chain transaction; "" on failure, as the
 * spec asks) and {@code network}; plus {@code errorMessage}, which the reference TypeScript types
 * carry for the human-readable detail.
 *
 * <p>Tollgate's additions (x402's schema leaves the object open): on success {@code createUpdate},
 * the payer's create countersigned by the gateway, and {@code resolveUpdate}, the gateway-signed
 * resolve revealing the preImage, on which the payer builds its next update. A failure carries no
 * update at all: anyone holding the PAYMENT-SIGNATURE (a site, a proxy, a thief) sees the
 * PAYMENT-RESPONSE, and a double-signed state would let them dispute the payer's channel; a payer
 * that is out of step catches up with a signed read of its channel instead.
 */
public record SettlementResponse(
    boolean success,
    Optional<String> errorReason,
    Optional<String> errorMessage,
    Optional<Address> payer,
    Optional<Bytes32> transaction,
    String network,
    Optional<ChannelUpdate> createUpdate,
    Optional<ChannelUpdate> resolveUpdate)
    implements X402Message {
  private static final String ALREADY_USED = PaywallReason.PAYMENT_ALREADY_USED.errorReason();

  public SettlementResponse {
    errorReason = orEmpty(errorReason);
    errorMessage = orEmpty(errorMessage);
    payer = orEmpty(payer);
    transaction = orEmpty(transaction);
    Objects.requireNonNull(network, "network");
    createUpdate = orEmpty(createUpdate);
    resolveUpdate = orEmpty(resolveUpdate);
    if (success) {
      require(errorReason.isEmpty(), "a settled payment has no errorReason");
      require(errorMessage.isEmpty(), "a settled payment has no errorMessage");
      require(payer.isPresent(), "a settled payment names its payer");
      require(transaction.isPresent(), "a settled payment names its transfer");
      require(
          createUpdate.isPresent() && resolveUpdate.isPresent(),
          "a settled payment carries the countersigned create and the signed resolve");
    } else {
      require(errorReason.isPresent(), "a failed payment has an errorReason");
      // A failed payment names a transfer only when the refusal is that it was already taken.
      require(
          transaction.isEmpty() || errorReason.get().equals(ALREADY_USED),
          "a failed payment settled no transfer");
      require(
          createUpdate.isEmpty() && resolveUpdate.isEmpty(),
          "a failed payment carries no create or resolve");
    }
  }

  /** The payment is in the channel: the create countersigned and the transfer resolved. */
  public static SettlementResponse settled(
      String network,
      Address payer,
      Bytes32 transferId,
      ChannelUpdate countersignedCreate,
      ChannelUpdate signedResolve) {
    return new SettlementResponse(
        true,
        Optional.empty(),
        Optional.empty(),
        Optional.of(payer),
        Optional.of(transferId),
        network,
        Optional.of(countersignedCreate),
        Optional.of(signedResolve));
  }

  /** The payment was refused, naming its payer when the payment could be read. */
  public static SettlementResponse refused(
      String network, Refusal refusal, Optional<Address> payer) {
    return new SettlementResponse(
        false,
        Optional.of(refusal.errorReason()),
        Optional.of(refusal.detail()),
        payer,
        Optional.empty(),
        network,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A copy of a payment already taken, refused: it names the transfer that settled it and the
   * payer, and carries no update, so the copy's holder learns nothing it could sign or dispute
   * with.
   */
  public static SettlementResponse alreadyUsed(
      String network, Refusal refusal, Address payer, Bytes32 transferId) {
    return new SettlementResponse(
        false,
        Optional.of(refusal.errorReason()),
        Optional.of(refusal.detail()),
        Optional.of(payer),
        Optional.of(transferId),
        network,
        Optional.empty(),
        Optional.empty());
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("success", success);
    errorReason.ifPresent(r -> o.put("errorReason", r));
    errorMessage.ifPresent(m -> o.put("errorMessage", m));
    payer.ifPresent(p -> o.put("payer", p.toString()));
    o.put("transaction", transaction.map(Bytes32::toHex).orElse(""));
    o.put("network", network);
    createUpdate.ifPresent(u -> o.set("createUpdate", ChannelJson.toJson(u)));
    resolveUpdate.ifPresent(u -> o.set("resolveUpdate", ChannelJson.toJson(u)));
    return o;
  }

  public static SettlementResponse fromJson(JsonNode node, String path) {
    X402Fields f = X402Fields.of(node, path);
    String transaction = f.text("transaction");
    return new SettlementResponse(
        f.bool("success"),
        f.optionalText("errorReason"),
        f.optionalText("errorMessage"),
        f.has("payer") ? Optional.of(f.address("payer")) : Optional.empty(),
        transaction.isEmpty() ? Optional.empty() : Optional.of(f.bytes32("transaction")),
        f.nonEmptyText("network"),
        optionalUpdate(f, "createUpdate"),
        optionalUpdate(f, "resolveUpdate"));
  }

  private static Optional<ChannelUpdate> optionalUpdate(X402Fields f, String name) {
    return f.has(name) ? Optional.of(f.update(name)) : Optional.empty();
  }

  private static <T> Optional<T> orEmpty(Optional<T> o) {
    return o == null ? Optional.empty() : o;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
