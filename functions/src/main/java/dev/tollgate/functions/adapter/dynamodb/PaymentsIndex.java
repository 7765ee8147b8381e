package dev.tollgate.functions.adapter.dynamodb;

import dev.tollgate.core.value.Bytes32;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The transfers table's sparse index of payments, {@value #NAME}: only a transfer the gateway was
 * paid by carries its key. Partition {@value #PAY_DAY} = {@code yyyy-MM-dd#<shard>} (the UTC day of
 * {@value #PAID_AT}, and one of {@value #SHARDS} shards picked by the transfer id), sort {@value
 * #PAID_AT} (epoch milliseconds), every attribute projected. Sharding spreads one busy day's
 * payments over several index partitions instead of one hot one; a reader queries each day's
 * {@value #SHARDS} partitions.
 */
final class PaymentsIndex {
  static final String NAME = "paymentsByDay";
  static final String PAY_DAY = "payDay";
  static final String PAID_AT = "paidAt";
  static final int SHARDS = 8;
  static final long DAY_MILLIS = 86_400_000L;

  private PaymentsIndex() {}

  /** The partition a payment of {@code transferId} at {@code paidAtMillis} is listed under. */
  static String partitionOf(Bytes32 transferId, long paidAtMillis) {
    return partition(dayOf(paidAtMillis), shardOf(transferId));
  }

  static String partition(LocalDate day, int shard) {
    if (shard < 0 || shard >= SHARDS) {
      throw new IllegalArgumentException("shard must be in 0.." + (SHARDS - 1) + ", got " + shard);
    }
    return day + "#" + shard;
  }

  /** Transfer ids are hashes, so their last byte spreads payments evenly over the shards. */
  static int shardOf(Bytes32 transferId) {
    byte[] bytes = transferId.toArray();
    return Byte.toUnsignedInt(bytes[bytes.length - 1]) % SHARDS;
  }

  static LocalDate dayOf(long epochMillis) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MILLIS));
  }

  /** The UTC days that [{@code fromMillis}, {@code toMillis}) touches, oldest first. */
  static List<LocalDate> days(long fromMillis, long toMillis) {
    List<LocalDate> days = new ArrayList<>();
    if (toMillis <= fromMillis) {
      return days;
    }
    LocalDate last = dayOf(toMillis - 1);
    for (LocalDate day = dayOf(fromMillis); !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }
}
