package dev.tollgate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.update.ChannelUpdate;
import java.util.Optional;

/**
 * A {@code vector-hashlock} payment, whichever lock it pays: a gateway quote's ({@link
 * PaymentPayload}) or the payer's own ({@link PayerLockedPayment}). Both are a signed create.
 */
public sealed interface SchemePayment permits PaymentPayload, PayerLockedPayment {

  /** The payer's signed create update. */
  ChannelUpdate create();

  Optional<ResourceInfo> resource();

  /** Reads a payment of either kind: {@code accepted.extra.lock: "payer"} marks a payer's lock. */
  static SchemePayment fromJson(JsonNode node, String path) {
    JsonNode extra = node == null ? null : node.path("accepted").path("extra");
    return PayerLockExtra.isPayerLocked(extra)
        ? PayerLockedPayment.fromJson(node, path)
        : PaymentPayload.fromJson(node, path);
  }
}
