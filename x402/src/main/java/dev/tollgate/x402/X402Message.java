package dev.tollgate.x402;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The three x402 messages that travel base64-encoded in HTTP headers (see {@link X402Headers}). */
public sealed interface X402Message
    permits PaymentRequired, PaymentPayload, PayerLockedPayment, SettlementResponse {
  /** The JSON form with x402 v2's field names. */
  ObjectNode toJson();
}
