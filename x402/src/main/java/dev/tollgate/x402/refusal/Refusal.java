package dev.tollgate.x402.refusal;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.core.failure.Rejection;
import dev.tollgate.core.port.StoredChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * A refused request, whichever catalogue refused it: the paywall's own checks ({@link
 * PaywallReason}), the gateway channel API's (its {@code GatewayReason}) or channel-core's update
 * rules ({@link FailureReason}). The HTTP layer needs only {@link #httpStatus()}, {@link
 * #errorReason()} and {@link #detail()}; tests and callers that branch on the cause use {@link
 * #is}.
 */
public sealed interface Refusal permits Refusal.Terms, Refusal.Protocol, Refusal.Behind {
  /** Details echo payer input; capped so a refusal never carries a megabyte back out. */
  int MAX_DETAIL_CHARS = 300;

  int httpStatus();

  String errorReason();

  /** What was wrong, naming the offending field or value. */
  String detail();

  static Refusal of(RefusalReason reason, String detail) {
    return new Terms(reason, detail);
  }

  static Refusal of(Rejection rejection) {
    return new Protocol(rejection);
  }

  /** A 409: the payer is out of step; {@code stored} is what it should sync to. */
  static Refusal behind(Rejection rejection, StoredChannel stored) {
    return new Behind(rejection, stored);
  }

  /** What is stored now, for a refusal that tells the payer to sync. */
  default Optional<StoredChannel> stored() {
    return this instanceof Behind b ? Optional.of(b.channel()) : Optional.empty();
  }

  default boolean isBehind() {
    return this instanceof Behind;
  }

  default boolean is(RefusalReason reason) {
    return this instanceof Terms t && t.reason() == reason;
  }

  default boolean is(FailureReason reason) {
    return (this instanceof Protocol p && p.rejection().reason() == reason)
        || (this instanceof Behind b && b.rejection().reason() == reason);
  }

  /** Caps a detail to {@link #MAX_DETAIL_CHARS}, marking the cut. */
  static String cap(String detail) {
    Objects.requireNonNull(detail, "detail");
    return detail.length() <= MAX_DETAIL_CHARS
        ? detail
        : detail.substring(0, MAX_DETAIL_CHARS - 3) + "...";
  }

  /** Refused by the gateway's own terms: the paywall's checks or the channel API's. */
  record Terms(RefusalReason reason, String detail) implements Refusal {
    public Terms {
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

  /** The payer's nonce is not the next one; carries the stored channel it should sync to. */
  record Behind(Rejection rejection, StoredChannel channel) implements Refusal {
    public Behind {
      Objects.requireNonNull(rejection, "rejection");
      Objects.requireNonNull(channel, "channel");
      if (rejection.reason().httpStatus() != 409) {
        throw new IllegalArgumentException(
            "only a 409 reason means the payer is behind, got " + rejection.reason());
      }
    }

    @Override
    public int httpStatus() {
      return 409;
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
      return rejection + " (stored nonce " + channel.nonce() + ")";
    }
  }
}
