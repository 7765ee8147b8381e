package dev.tollgate.functions.gateway;

import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.port.StoredChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the gateway turned down: the HTTP status, the x402 {@code errorReason} and a detail
 * naming the offending value. A refusal for being behind (409) carries the stored channel, so the
 * answer can hand the payer the latest update without another read.
 */
public record Refusal(
    int status, String errorReason, String detail, Optional<StoredChannel> stored) {
  private static final int MAX_DETAIL = 300;

  public Refusal {
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("a refusal is a 4xx status, got " + status);
    }
    Objects.requireNonNull(errorReason, "errorReason");
    Objects.requireNonNull(detail, "detail");
    // Details may quote what the caller sent; never let them grow a response or a log line.
    detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    stored = stored == null ? Optional.empty() : stored;
  }

  public static Refusal of(int status, String errorReason, String detail) {
    return new Refusal(status, errorReason, detail, Optional.empty());
  }

  public static Refusal of(GatewayReason reason, String detail) {
    return of(reason.httpStatus(), reason.errorReason(), detail);
  }

  public static Refusal of(Rejection rejection) {
    return of(
        rejection.reason().httpStatus(), rejection.reason().errorReason(), rejection.detail());
  }

  /** A 409 from a rejection whose reason says the payer is out of step, with what is stored. */
  public static Refusal behind(Rejection rejection, StoredChannel stored) {
    return new Refusal(
        rejection.reason().httpStatus(),
        rejection.reason().errorReason(),
        rejection.detail(),
        Optional.of(stored));
  }

  public boolean isBehind() {
    return status == 409;
  }

  @Override
  public String toString() {
    return status + " " + errorReason + ": " + detail;
  }
}
