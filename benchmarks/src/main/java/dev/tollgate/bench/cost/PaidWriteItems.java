package dev.tollgate.bench.cost;

import dev.tollgate.bench.cost.Source.Measured;
import java.util.List;
import java.util.Objects;

/**
 * The four items of a paid request's one {@code TransactWriteItems} ({@code
 * DynamoDbChannelStore.write}), by their size as DynamoDB counts it: the channel item (put on the
 * condition of its nonce; it holds the latest state and, since the gateway's resolve is signed by
 * the gateway alone, the latest double-signed state too), the create and the resolve update items,
 * and the transfer item, which also lands in the transfers table's {@code paymentsByDay} index
 * (every attribute projected).
 */
public record PaidWriteItems(
    int channelBytes,
    int createUpdateBytes,
    int resolveUpdateBytes,
    int transferBytes,
    Source source) {

  /** A transactional write costs two write units per started KB of each item. */
  public static final int TRANSACTIONAL_FACTOR = 2;

  /** DynamoDB bills this much storage per item (and per index entry) on top of its size. */
  public static final int STORAGE_OVERHEAD_BYTES = 100;

  /**
   * Sizes of one paid request on a channel past its first payments, as written by the gateway and
   * counted with DynamoDB's item-size rules by {@code PaidRequestItemSizesTest}, which checks these
   * figures against the items it captures each run.
   */
  public static final PaidWriteItems MEASURED =
      new PaidWriteItems(
          5_392,
          1_586,
          1_107,
          443,
          new Measured(
              "./mvnw -q -pl benchmarks -am verify -Dtest=PaidRequestItemSizesTest"
                  + " -Dsurefire.failIfNoSpecifiedTests=false",
              "2026-11-21"));

  public PaidWriteItems {
    for (int bytes : List.of(channelBytes, createUpdateBytes, resolveUpdateBytes, transferBytes)) {
      if (bytes <= 0 || bytes > 400 * 1024) {
        throw new IllegalArgumentException(
            "a DynamoDB item is 1 byte to 400 KB, got " + bytes + " bytes");
      }
    }
    Objects.requireNonNull(source, "source");
  }

  /** Write units of the transaction: two per started KB of each of the four items. */
  public int transactionalWriteUnits() {
    return TRANSACTIONAL_FACTOR
        * (kb(channelBytes) + kb(createUpdateBytes) + kb(resolveUpdateBytes) + kb(transferBytes));
  }

  /**
   * Write units of the paid transfer's index entry. Index updates follow the transaction
   * asynchronously and are charged as standard writes, one unit per started KB.
   */
  public int indexWriteUnits() {
    return kb(transferBytes);
  }

  /** Read units of the strongly consistent {@code GetItem} of the channel on a cache miss. */
  public int channelReadUnits() {
    return (channelBytes + 4095) / 4096;
  }

  /**
   * Bytes the tables keep for good after the payment: both update items, the transfer item and its
   * index entry, each with DynamoDB's per-item overhead. The channel item is replaced, not added.
   */
  public long storedBytesAdded() {
    return (long) createUpdateBytes
        + resolveUpdateBytes
        + 2L * transferBytes
        + 4L * STORAGE_OVERHEAD_BYTES;
  }

  private static int kb(int bytes) {
    return (bytes + 1023) / 1024;
  }
}
