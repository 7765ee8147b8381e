package dev.tollgate.functions.refusal;

import dev.tollgate.x402.refusal.RefusalReason;

/**
 * Refusals of the gateway's channel API that are not protocol rules: what this gateway agrees to
 * beyond what the protocol allows. Protocol refusals come from channel-core's {@code
 * FailureReason}; the two catalogues share no {@code errorReason} string.
 */
public enum GatewayReason implements RefusalReason {
  MALFORMED_REQUEST(400, "malformed_request"),
  UNKNOWN_CHANNEL(404, "unknown_channel"),
  NO_SUCH_RESOURCE(404, "no_such_resource"),
  WRONG_CHANNEL_ADDRESS(402, "wrong_channel_address"),
  NOT_THIS_GATEWAY(402, "not_this_gateway"),
  WRONG_UPDATE_TYPE(400, "wrong_update_type"),
  ASSET_NOT_ACCEPTED(402, "asset_not_accepted"),
  TRANSFER_NOT_ACCEPTED(402, "transfer_not_accepted"),
  WITHDRAWAL_MISMATCH(402, "withdrawal_mismatch"),
  /** The channel is disputed on chain: it is being closed and takes no more updates. */
  CHANNEL_DISPUTED(409, "channel_disputed"),
  /**
   * Too many channel setups from one source address or for one payer within the current window: the
   * answer carries {@code Retry-After}, the seconds until the window ends.
   */
  RATE_LIMITED(429, "rate_limited"),
  /** An operator or publisher route without a bearer token it knows. */
  UNAUTHORIZED(401, "unauthorized"),
  /** A publisher quoting or settling for a resource outside the prefixes configured for it. */
  RESOURCE_NOT_YOURS(403, "resource_not_yours"),
  /**
   * A path with dot segments, empty segments, backslashes, control characters or escaped characters
   * that have a plain form: two spellings of one resource could carry two prices.
   */
  NON_CANONICAL_PATH(400, "non_canonical_path"),
  /** A query parameter that is not a number, out of its bounds, or not a cursor this gave. */
  INVALID_PARAMETER(400, "invalid_parameter"),
  /** A report asked for more than one request answers: too long a range, too many buckets. */
  RANGE_TOO_LARGE(400, "range_too_large"),
  /**
   * A service the gateway depends on (DynamoDB, KMS) throttled, timed out or failed even after the
   * SDK's retries: the same request can be sent again after {@code Retry-After}.
   */
  SERVICE_UNAVAILABLE(503, "service_unavailable"),
  /**
   * The gateway's KMS key cannot sign (disabled, pending deletion, unavailable): the operator must
   * act before any payment can be taken.
   */
  SIGNER_UNAVAILABLE(503, "signer_unavailable"),
  /**
   * A paid route's origin could not be reached or failed to answer: the payment was taken, and a
   * re-send with the payer's {@code TOLLGATE-RESEND} proof tries the origin again without charging.
   */
  ORIGIN_UNAVAILABLE(502, "origin_unavailable"),
  /**
   * A paid route's origin did not answer in time; re-sending is as for {@link #ORIGIN_UNAVAILABLE}.
   */
  ORIGIN_TIMEOUT(504, "origin_timeout"),
  /** No route answers the request's path (Micronaut's own 404, written by Tollgate). */
  NO_SUCH_ROUTE(404, "no_such_route"),
  /** The path has routes, but none for the request's method; {@code Allow} lists them. */
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  /** The route cannot produce any type the request's {@code Accept} names. */
  NOT_ACCEPTABLE(406, "not_acceptable"),
  /** The request's body is larger than the server reads. */
  REQUEST_TOO_LARGE(413, "request_too_large"),
  /** The request's headers are larger than the server reads. */
  REQUEST_HEADERS_TOO_LARGE(431, "request_headers_too_large"),
  /** The route does not take a body of the request's {@code Content-Type}. */
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  /**
   * The gateway failed on its own (a service refused a call it made); the request is not at fault.
   */
  INTERNAL_ERROR(500, "internal_error");

  private final int httpStatus;
  private final String errorReason;

  GatewayReason(int httpStatus, String errorReason) {
    this.httpStatus = httpStatus;
    this.errorReason = errorReason;
  }

  @Override
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String errorReason() {
    return errorReason;
  }
}
