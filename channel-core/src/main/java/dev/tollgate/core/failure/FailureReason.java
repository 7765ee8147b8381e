package dev.tollgate.core.failure;

/**
 * Every way an update can be refused. The catalogue is closed: each reason maps to exactly one HTTP
 * status and one x402 {@code errorReason}, so a payer can act on it without parsing prose.
 *
 * <p>Statuses: 400 the request itself is malformed; 409 the payer is out of step with the gateway
 * and should sync and retry; 402 the payment is well-formed but not acceptable.
 */
public enum FailureReason {
  MALFORMED_UPDATE(400, "malformed_update"),
  AMOUNT_OUT_OF_RANGE(400, "amount_out_of_range"),
  STALE_NONCE(409, "stale_nonce"),
  SKIPPED_NONCE(409, "skipped_nonce"),
  WRONG_CHANNEL(402, "wrong_channel"),
  NETWORK_MISMATCH(402, "network_mismatch"),
  NOT_A_PARTICIPANT(402, "not_a_participant"),
  CHANNEL_NOT_SET_UP(402, "channel_not_set_up"),
  CHANNEL_ALREADY_SET_UP(402, "channel_already_set_up"),
  CHANNEL_TIMEOUT_OUT_OF_RANGE(402, "channel_timeout_out_of_range"),
  BAD_SIGNATURE(402, "bad_signature"),
  UPDATE_MISMATCH(402, "update_mismatch"),
  NO_NEW_DEPOSIT(402, "no_new_deposit"),
  DEPOSIT_TOTALS_DECREASED(402, "deposit_totals_decreased"),
  TOO_MANY_ASSETS(402, "too_many_assets"),
  UNKNOWN_ASSET(402, "unknown_asset"),
  INSUFFICIENT_BALANCE(402, "insufficient_balance"),
  UNKNOWN_TRANSFER_DEFINITION(402, "unknown_transfer_definition"),
  TRANSFER_TIMEOUT_OUT_OF_RANGE(402, "transfer_timeout_out_of_range"),
  INVALID_TRANSFER_STATE(402, "invalid_transfer_state"),
  DUPLICATE_TRANSFER(402, "duplicate_transfer"),
  TOO_MANY_TRANSFERS(402, "too_many_transfers"),
  UNKNOWN_TRANSFER(402, "unknown_transfer"),
  RESOLVER_NOT_RESPONDER(402, "resolver_not_responder"),
  INVALID_RESOLVER(402, "invalid_resolver"),
  TRANSFER_EXPIRED(402, "transfer_expired");

  private final int httpStatus;
  private final String errorReason;

  FailureReason(int httpStatus, String errorReason) {
    this.httpStatus = httpStatus;
    this.errorReason = errorReason;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The x402 {@code errorReason} string. */
  public String errorReason() {
    return errorReason;
  }
}
