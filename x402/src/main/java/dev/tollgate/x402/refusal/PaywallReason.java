package dev.tollgate.x402.refusal;

/**
 * Every way the paywall refuses a payment before channel-core looks at the update. Like
 * channel-core's {@code FailureReason}, the catalogue is closed and each reason maps to one HTTP
 * status and one x402 {@code errorReason}, so a payer can act on it without parsing prose.
 *
 * <p>Where x402 v2 already names the failure (specs/x402-specification-v2.md §9: {@code
 * invalid_payload}, {@code invalid_x402_version}, {@code unsupported_scheme}, {@code
 * invalid_network}) that code is used, so a generic x402 client understands it; the rest are ours.
 * No string here repeats one of channel-core's, so the HTTP layer can tell the two catalogues
 * apart.
 *
 * <p>Statuses follow x402's HTTP transport: 400 the payment header is malformed, 402 it is
 * well-formed but not an acceptable payment. {@link #HEADER_TOO_LARGE} is 431 (RFC 6585 §5, "a
 * single header field is too large"): the precise standard answer, still a 4xx a generic client
 * treats as its own fault, and a legitimate payment header is a few KiB so no payer meets it.
 */
public enum PaywallReason implements RefusalReason {
  /** Not base64, not UTF-8, not JSON, not an object, or a required field missing or mistyped. */
  MALFORMED_PAYMENT_HEADER(400, "invalid_payload"),
  /** A facilitator request whose {@code paymentRequirements} is missing or malformed. */
  INVALID_PAYMENT_REQUIREMENTS(400, "invalid_payment_requirements"),
  HEADER_TOO_LARGE(431, "payment_header_too_large"),
  /** An amount that is not a canonical decimal uint256 string ("-1", "1.5", "0x10", 2^256). */
  INVALID_AMOUNT(400, "invalid_amount"),
  UNSUPPORTED_X402_VERSION(400, "invalid_x402_version"),
  /** The payload is a setup, deposit or resolve: the scheme pays with a create only. */
  NOT_A_CREATE(400, "not_a_create"),
  UNSUPPORTED_SCHEME(402, "unsupported_scheme"),
  NETWORK_MISMATCH(402, "invalid_network"),
  WRONG_ASSET(402, "wrong_asset"),
  /** Paid to someone other than the gateway: payTo, the update's recipient or the transfer's. */
  WRONG_PAY_TO(402, "wrong_pay_to"),
  PRICE_BELOW_QUOTE(402, "price_below_quote"),
  /**
   * The quote's price is below what the seller (the gateway's route, or the publisher settling)
   * asks for the resource now: a quote minted at another price, or before the price rose.
   */
  BELOW_PRICE(402, "below_price"),
  QUOTE_EXPIRED(402, "quote_expired"),
  /**
   * The quote id is not one this gateway issued: malformed, forged, or issued under other terms.
   */
  INVALID_QUOTE(402, "invalid_quote"),
  /** A genuine quote, issued for another resource. */
  RESOURCE_MISMATCH(402, "resource_mismatch"),
  /** The hashlock (definition, lockHash, expiry, transfer timeout) is not the one quoted. */
  LOCK_MISMATCH(402, "lock_mismatch"),
  /** The payment names a channel the gateway does not have: the payer must open one first. */
  CHANNEL_NOT_OPEN(402, "channel_not_open"),
  /**
   * The payment was already taken and its resource served: a copy of it (sent again, or at the same
   * time) is not served again without the payer's resend proof.
   */
  PAYMENT_ALREADY_USED(409, "payment_already_used"),
  /** A resend proof whose number was already used for this payment (or a higher one was). */
  RESEND_ALREADY_USED(409, "resend_already_used"),
  /** A resend proof numbered outside 1..the gateway's maximum number of resends. */
  RESEND_LIMIT_REACHED(409, "resend_limit_reached"),
  /** The resend header is not {@code <n>.<0x signature>}. */
  MALFORMED_RESEND_PROOF(400, "invalid_resend_proof"),
  /** A resend proof not signed by the channel's payer: only the payer may have it served again. */
  RESEND_NOT_BY_PAYER(403, "resend_not_by_payer"),
  /**
   * The quote's create is in the channel without the gateway's resolve, and its transfer is no
   * longer active (expired, or resolved another way): it can no longer be taken as this payment.
   */
  PAYMENT_TRANSFER_CLOSED(409, "payment_transfer_closed");

  private final int httpStatus;
  private final String errorReason;

  PaywallReason(int httpStatus, String errorReason) {
    this.httpStatus = httpStatus;
    this.errorReason = errorReason;
  }

  @Override
  public int httpStatus() {
    return httpStatus;
  }

  /** The x402 {@code errorReason} string. */
  @Override
  public String errorReason() {
    return errorReason;
  }
}
