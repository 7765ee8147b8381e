package dev.tollgate.client;

import java.util.Objects;

/**
 * The gateway refused an update (or the client refused to sign one for the same reason): nothing
 * changed on either side. {@link #errorReason()} is the x402 {@code errorReason} / the gateway's
 * {@code error}, from its closed catalogues (channel-core's {@code FailureReason}, x402's {@code
 * PaywallReason}, the gateway's {@code GatewayReason}), so callers branch on it, never on prose.
 */
public class RefusedException extends TollgateException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final String errorReason;
  private final String detail;

  public RefusedException(String action, int httpStatus, String errorReason, String detail) {
    super(action + " refused (" + httpStatus + " " + errorReason + "): " + detail);
    this.httpStatus = httpStatus;
    this.errorReason = Objects.requireNonNull(errorReason, "errorReason");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The status the gateway (or the resource server passing its answer on) refused with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The machine-readable reason, such as {@code insufficient_balance} or {@code quote_expired}. */
  public String errorReason() {
    return errorReason;
  }

  /** What was wrong, for people. */
  public String detail() {
    return detail;
  }
}
