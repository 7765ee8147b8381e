package dev.tollgate.functions.operator;

import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway was paid in {@code asset} over [{@code from}, {@code to}) (epoch seconds), in
 * total and per bucket of {@code bucketSeconds} from {@code from}; the last bucket ends at {@code
 * to}, so it is shorter when the range is not a whole number of buckets.
 */
public record Revenue(
    Address asset,
    long from,
    long to,
    long bucketSeconds,
    BigInteger total,
    long payments,
    List<Bucket> buckets) {

  public Revenue {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(total, "total");
    buckets = List.copyOf(buckets);
  }

  /** The payments of [{@code start}, {@code start + bucketSeconds}). */
  public record Bucket(long start, BigInteger amount, long payments) {
    public Bucket {
      Objects.requireNonNull(amount, "amount");
    }
  }
}
