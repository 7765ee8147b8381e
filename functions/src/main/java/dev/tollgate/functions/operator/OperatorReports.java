package dev.tollgate.functions.operator;

import dev.tollgate.core.port.Clock;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.disputes.DisputeBook;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Checked;
import dev.tollgate.x402.refusal.Refusal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The publisher's view of the gateway: revenue over time, the latest payments, every channel's
 * balances and the disputes under way. Read-only: nothing here writes. Each query is bounded (a
 * range of at most {@value #MAX_RANGE_DAYS} days in at most {@value #MAX_BUCKETS} buckets, pages of
 * at most {@value #MAX_LIMIT}), and a parameter out of bounds is refused by name.
 */
public final class OperatorReports {
  public static final long MIN_BUCKET_SECONDS = 60;
  public static final int MAX_BUCKETS = 1_000;
  public static final int MAX_RANGE_DAYS = 31;
  public static final long MAX_RANGE_SECONDS = MAX_RANGE_DAYS * 86_400L;
  public static final long DEFAULT_RANGE_SECONDS = 86_400;
  public static final long DEFAULT_BUCKET_SECONDS = 3_600;
  public static final int MAX_LIMIT = 100;
  public static final int DEFAULT_LIMIT = 20;

  /** 9999-12-31T23:59:59Z: later times would not fit the ledger's day keys. */
  static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

  private final PaymentLedger ledger;
  private final ChannelDirectory channels;
  private final DisputeBook disputes;
  private final Address asset;
  private final Clock clock;

  /** Revenue is counted in {@code asset}, the one the gateway quotes its prices in. */
  public OperatorReports(
      PaymentLedger ledger,
      ChannelDirectory channels,
      DisputeBook disputes,
      Address asset,
      Clock clock) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.disputes = Objects.requireNonNull(disputes, "disputes");
    this.asset = Objects.requireNonNull(asset, "asset");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Address asset() {
    return asset;
  }

  /**
   * Revenue over [{@code from}, {@code to}) in buckets of {@code bucketSeconds}; by default the
   * last day up to now, by the hour.
   */
  public Checked<Revenue> revenue(
      Optional<Long> from, Optional<Long> to, Optional<Long> bucketSeconds) {
    Optional<Checked<Revenue>> refused =
        epochSeconds("from", from)
            .or(() -> epochSeconds("to", to))
            .or(() -> bucketSize(bucketSeconds))
            .map(Checked::refused);
    if (refused.isPresent()) {
      return refused.get();
    }
    long end = to.orElseGet(clock::nowSeconds);
    long start = from.orElse(Math.max(0, end - DEFAULT_RANGE_SECONDS));
    long bucket = bucketSeconds.orElse(DEFAULT_BUCKET_SECONDS);
    if (start > end) {
      return Checked.refused(
          GatewayReason.INVALID_PARAMETER,
          "from " + start + " is after to " + end + ": the range runs from 'from' up to 'to'");
    }
    long range = end - start;
    if (range > MAX_RANGE_SECONDS) {
      return Checked.refused(
          GatewayReason.RANGE_TOO_LARGE,
          "from "
              + start
              + " to "
              + end
              + " spans "
              + range
              + " seconds; at most "
              + MAX_RANGE_SECONDS
              + " ("
              + MAX_RANGE_DAYS
              + " days) per request");
    }
    long count = range / bucket + (range % bucket == 0 ? 0 : 1);
    if (count > MAX_BUCKETS) {
      return Checked.refused(
          GatewayReason.RANGE_TOO_LARGE,
          "bucketSeconds "
              + bucket
              + " splits "
              + range
              + " seconds into "
              + count
              + " buckets; at most "
              + MAX_BUCKETS
              + " per request");
    }
    return Checked.ok(sum(start, end, bucket, (int) count));
  }

  private Revenue sum(long start, long end, long bucket, int count) {
    long fromMillis = start * 1000;
    long toMillis = end * 1000;
    long bucketMillis = bucket * 1000;
    BigInteger[] amounts = new BigInteger[count];
    Arrays.fill(amounts, BigInteger.ZERO);
    long[] payments = new long[count];
    ledger.paidBetween(
        fromMillis,
        toMillis,
        payment -> {
          if (!payment.asset().equals(asset)
              || payment.paidAt() < fromMillis
              || payment.paidAt() >= toMillis) {
            return;
          }
          int i = (int) ((payment.paidAt() - fromMillis) / bucketMillis);
          amounts[i] = amounts[i].add(payment.amount().value());
          payments[i]++;
        });
    List<Revenue.Bucket> buckets = new ArrayList<>(count);
    BigInteger total = BigInteger.ZERO;
    long totalPayments = 0;
    for (int i = 0; i < count; i++) {
      buckets.add(new Revenue.Bucket(start + i * bucket, amounts[i], payments[i]));
      total = total.add(amounts[i]);
      totalPayments += payments[i];
    }
    return new Revenue(asset, start, end, bucket, total, totalPayments, buckets);
  }

  /** The newest payments, at most {@code limit} (default {@value #DEFAULT_LIMIT}). */
  public Checked<List<Payment>> payments(Optional<Long> limit) {
    return pageSize(limit).map(n -> ledger.latest(clock.nowMillis(), n));
  }

  /**
   * A page of channels, at most {@code limit} (default {@value #DEFAULT_LIMIT}), after {@code
   * cursor} (from the previous page) or from the start.
   */
  public Checked<ChannelsReport> channels(Optional<Long> limit, Optional<String> cursor) {
    Optional<Address> after = Optional.empty();
    if (cursor.isPresent()) {
      after = ChannelCursor.decode(cursor.get());
      if (after.isEmpty()) {
        return Checked.refused(
            GatewayReason.INVALID_PARAMETER,
            "cursor '" + cursor.get() + "' is not a cursor this gateway gave out");
      }
    }
    Optional<Address> start = after;
    return pageSize(limit)
        .map(
            n -> {
              ChannelPage page = channels.page(start, n);
              return new ChannelsReport(
                  page.channels().stream().map(ChannelReport::of).toList(),
                  page.next().map(ChannelCursor::encode));
            });
  }

  /** Disputes not yet settled or lost. */
  public List<DisputeRecord> disputes() {
    return disputes.unfinished();
  }

  private static Optional<Refusal> epochSeconds(String name, Optional<Long> value) {
    return value
        .filter(v -> v < 0 || v > MAX_EPOCH_SECONDS)
        .map(
            v ->
                Refusal.of(
                    GatewayReason.INVALID_PARAMETER,
                    name + " must be epoch seconds from 0 to " + MAX_EPOCH_SECONDS + ", got " + v));
  }

  private static Optional<Refusal> bucketSize(Optional<Long> value) {
    return value
        .filter(v -> v < MIN_BUCKET_SECONDS || v > MAX_RANGE_SECONDS)
        .map(
            v ->
                Refusal.of(
                    GatewayReason.INVALID_PARAMETER,
                    "bucketSeconds must be from "
                        + MIN_BUCKET_SECONDS
                        + " to "
                        + MAX_RANGE_SECONDS
                        + ", got "
                        + v));
  }

  private static Checked<Integer> pageSize(Optional<Long> limit) {
    long n = limit.orElse((long) DEFAULT_LIMIT);
    if (n < 1 || n > MAX_LIMIT) {
      return Checked.refused(
          GatewayReason.INVALID_PARAMETER,
          "limit must be from 1 to " + MAX_LIMIT + ", got " + limit.orElseThrow());
    }
    return Checked.ok((int) n);
  }
}
