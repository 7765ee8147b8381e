package dev.tollgate.functions.paywall;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Rejection;
import java.util.Objects;

/**
 * A refused payment, whichever catalogue refused it: the paywall's own checks ({@link
 * PaywallReason}) or channel-core's update rules ({@link FailureReason}). The HTTP layer needs only
 * {@link #httpStatus()}, {@link #errorReason()} and {@link #detail()}; tests and callers that
 * branch on the cause use {@link #is}.
 */
public sealed interface Refusal permits Refusal.Paywall, Refusal.Protocol {
  /** Details echo payer input; capped so a refusal never carries a megabyte back out. */
  int MAX_DETAIL_CHARS = 300;

  int httpStatus();

  String errorReason();

  /** What was wrong, naming the offending field or value. */
  String detail();

  static Refusal of(PaywallReason reason, String detail) {
    return new Paywall(reason, detail);
  }

  static Refusal of(Rejection rejection) {
    return new Protocol(rejection);
  }

  default boolean is(PaywallReason reason) {
    return this instanceof Paywall p && p.reason() == reason;
  }

  default boolean is(FailureReason reason) {
    return this instanceof Protocol p && p.rejection().reason() == reason;
  }

  /** Caps a detail to {@link #MAX_DETAIL_CHARS}, marking the cut. */
  static String cap(String detail) {
    Objects.requireNonNull(detail, "detail");
    return detail.length() <= MAX_DETAIL_CHARS
        ? detail
        : detail.substring(0, MAX_DETAIL_CHARS - 3) + "...";
  }

  /** Refused by the paywall's own checks. */
  record Paywall(PaywallReason reason, String detail) implements Refusal {
    public Paywall {
      Objects.requireNonNull(reason, "reason");
      detail = cap(detail);
    }

    @Override
    public int httpStatus() {
      return reason.httpStatus();
    }

    @Override
    public String errorReason() {
      return reason.errorReason();
    }

    @Override
    public String toString() {
      return reason.errorReason() + ": " + detail;
    }
  }

  /** Refused by channel-core while applying the update. */
  record Protocol(Rejection rejection) implements Refusal {
    public Protocol {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public int httpStatus() {
      return rejection.reason().httpStatus();
    }

    @Override
    public String errorReason() {
      return rejection.reason().errorReason();
    }

    @Override
    public String detail() {
      return cap(rejection.detail());
    }

    @Override
    public String toString() {
      return rejection.toString();
    }
  }
}
