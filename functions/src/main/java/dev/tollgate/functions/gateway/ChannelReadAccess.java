package dev.tollgate.functions.gateway;

import dev.tollgate.core.port.ChannelStore;
import dev.tollgate.core.port.Clock;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.read.SignedRead;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.operator.OperatorAccess;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read a channel: its payer, with a {@code TOLLGATE-AUTH} signed read whose time is within
 * {@code tollgate.channels.read-skew-seconds} of this gateway's clock, or the operator with its
 * bearer token. A channel's states carry both signatures, so anyone else holding them could dispute
 * the channel on chain and freeze it, and would see every payment made in it.
 *
 * <p>A stranger is told the same thing about a channel that does not exist as about one it did not
 * sign for, after the same work, so it cannot learn which channels exist; only the operator is told
 * {@code unknown_channel}. Nothing here writes.
 */
public final class ChannelReadAccess {
  public static final long DEFAULT_SKEW_SECONDS = 300;
  public static final long MAX_SKEW_SECONDS = 3600;

  /** One answer for "no such channel" and "not its payer", word for word. */
  static final String NOT_THE_PAYER = SignedRead.HEADER + " is not signed by the channel's payer";

  private final ChannelStore store;
  private final Optional<OperatorAccess> operator;
  private final Clock clock;
  private final long skewSeconds;

  /** What a read request brings: its method, raw path and query as sent, and two headers. */
  public record ReadRequest(
      String method, String pathAndQuery, String authorization, String tollgateAuth) {
    public ReadRequest {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    }
  }

  /**
   * @param operator the operator's token check, empty where no operator token is configured
   * @param skewSeconds how far a signed read's time may be from this clock, 1 to {@value
   *     MAX_SKEW_SECONDS}
   */
  public ChannelReadAccess(
      ChannelStore store, Optional<OperatorAccess> operator, Clock clock, long skewSeconds) {
    this.store = Objects.requireNonNull(store, "store");
    this.operator = Objects.requireNonNull(operator, "operator");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (skewSeconds < 1 || skewSeconds > MAX_SKEW_SECONDS) {
      throw new IllegalArgumentException(
          "the read skew must be between 1 and "
              + MAX_SKEW_SECONDS
              + " seconds, got "
              + skewSeconds);
    }
    this.skewSeconds = skewSeconds;
  }

  /** The stored channel when {@code read} may see it, else why not. */
  public Checked<StoredChannel> channel(ReadRequest read, Address channel) {
    if (isOperator(read)) {
      return ChannelGuards.existing(store, channel);
    }
    if (read.tollgateAuth() == null || read.tollgateAuth().isBlank()) {
      return refused(withoutProof(read));
    }
    SignedRead signed;
    try {
      signed = SignedRead.parse(read.tollgateAuth());
    } catch (IllegalArgumentException e) {
      return refused(SignedRead.HEADER + " is malformed: " + e.getMessage());
    }
    long now = clock.nowSeconds();
    long ahead = signed.unixSeconds() - now;
    if (ahead > skewSeconds) {
      return refused(
          SignedRead.HEADER
              + " is "
              + ahead
              + " s in the future of the gateway's clock (allowed "
              + skewSeconds
              + " s)");
    }
    if (-ahead > skewSeconds) {
      return refused(
          SignedRead.HEADER
              + " expired: it is "
              + -ahead
              + " s old by the gateway's clock (allowed "
              + skewSeconds
              + " s)");
    }
    // The time first: a stale or replayed header costs no signature recovery.
    Optional<Address> signer;
    try {
      signer = signed.signer(read.method(), read.pathAndQuery(), channel);
    } catch (IllegalArgumentException e) {
      return refused(SignedRead.HEADER + " is malformed: " + e.getMessage());
    }
    // Loaded whether or not the signer could be the payer, so the answer takes as long either way.
    Optional<StoredChannel> stored = store.load(channel);
    if (stored.isEmpty()
        || signer.isEmpty()
        || !signer.get().equals(stored.get().latest().state().bob())) {
      return refused(NOT_THE_PAYER);
    }
    return Checked.ok(stored.get());
  }

  private boolean isOperator(ReadRequest read) {
    return read.authorization() != null
        && operator.isPresent()
        && operator.get().refusal(read.authorization()).isEmpty();
  }

  private String withoutProof(ReadRequest read) {
    if (read.authorization() != null && operator.isPresent()) {
      return "the request has no "
          + SignedRead.HEADER
          + " signed read, and "
          + operator.get().refusal(read.authorization()).orElseThrow().detail();
    }
    return "the request has no "
        + SignedRead.HEADER
        + " header: only the channel's payer (a signed read) or the operator may read a channel";
  }

  private static <T> Checked<T> refused(String detail) {
    return Checked.refused(GatewayReason.UNAUTHORIZED, detail);
  }
}
