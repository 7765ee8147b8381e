package dev.tollgate.x402.refusal;

import java.util.Map;

/**
 * The x402 v2 facilitator's error code (specification §9) for each of Tollgate's refusal reasons,
 * for {@code invalidReason} and {@code errorReason} on {@code /verify} and {@code /settle}.
 * Tollgate's own reason travels in the message, so nothing is lost: a stock x402 server sees a code
 * it knows, an operator reading the message sees exactly what was wrong.
 */
public final class FacilitatorCodes {
  public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
  public static final String INVALID_NETWORK = "invalid_network";
  public static final String INVALID_PAYLOAD = "invalid_payload";
  public static final String INVALID_PAYMENT_REQUIREMENTS = "invalid_payment_requirements";
  public static final String UNSUPPORTED_SCHEME = "unsupported_scheme";
  public static final String INVALID_X402_VERSION = "invalid_x402_version";
  public static final String INVALID_TRANSACTION_STATE = "invalid_transaction_state";
  public static final String UNEXPECTED_VERIFY_ERROR = "unexpected_verify_error";
  public static final String UNEXPECTED_SETTLE_ERROR = "unexpected_settle_error";

  /** Reasons with a code of their own; every other payment refusal is {@code invalid_payload}. */
  private static final Map<String, String> CODES =
      Map.ofEntries(
          Map.entry("unsupported_scheme", UNSUPPORTED_SCHEME),
          Map.entry("invalid_network", INVALID_NETWORK),
          Map.entry("network_mismatch", INVALID_NETWORK),
          Map.entry("insufficient_balance", INSUFFICIENT_FUNDS),
          Map.entry("channel_not_open", INSUFFICIENT_FUNDS),
          Map.entry("invalid_payment_requirements", INVALID_PAYMENT_REQUIREMENTS),
          Map.entry("invalid_x402_version", INVALID_X402_VERSION),
          Map.entry("payment_already_used", INVALID_TRANSACTION_STATE),
          Map.entry("resend_already_used", INVALID_TRANSACTION_STATE),
          Map.entry("resend_limit_reached", INVALID_TRANSACTION_STATE),
          Map.entry("payment_transfer_closed", INVALID_TRANSACTION_STATE),
          Map.entry("channel_disputed", INVALID_TRANSACTION_STATE));

  /** Reasons that are the gateway's own failure, not the payment's. */
  private static final java.util.Set<String> UNEXPECTED =
      java.util.Set.of("service_unavailable", "signer_unavailable", "internal_error");

  private FacilitatorCodes() {}

  /** The x402 code for Tollgate's {@code errorReason}, on {@code /settle} when {@code settling}. */
  public static String of(String errorReason, boolean settling) {
    if (UNEXPECTED.contains(errorReason)) {
      return settling ? UNEXPECTED_SETTLE_ERROR : UNEXPECTED_VERIFY_ERROR;
    }
    return CODES.getOrDefault(errorReason, INVALID_PAYLOAD);
  }

  /** The message: Tollgate's reason first, so the code's precision is never lost. */
  public static String message(String errorReason, String detail) {
    return detail.isEmpty() ? errorReason : errorReason + ": " + detail;
  }
}
