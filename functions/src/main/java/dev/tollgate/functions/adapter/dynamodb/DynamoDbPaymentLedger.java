package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.CHANNEL_ADDRESS;
import static dev.tollgate.functions.adapter.dynamodb.GatewayTables.TRANSFER_ID;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.n;
import static dev.tollgate.functions.adapter.dynamodb.StoredItem.s;

import dev.tollgate.functions.operator.Payment;
import dev.tollgate.functions.operator.PaymentLedger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Payments read from the transfers table's {@link PaymentsIndex}. A time range is answered by
 * querying, for each UTC day it touches, each of the day's {@value PaymentsIndex#SHARDS} shard
 * partitions with a key condition on {@code paidAt}: never a scan. The partitions are queried in
 * parallel, {@link #parallelism} at a time, on the ledger's own daemon threads (idle ones end after
 * a while, so the ledger needs no closing). The index is eventually consistent: a payment made a
 * moment ago may be missing from one answer and present in the next.
 */
public final class DynamoDbPaymentLedger implements PaymentLedger {
  /** How far back {@link #latest} looks for payments, by default: the reports' longest range. */
  public static final int DEFAULT_LOOKBACK_DAYS = 31;

  /** One thread per shard: a day's partitions are read at once. */
  public static final int DEFAULT_PARALLELISM = PaymentsIndex.SHARDS;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final DynamoDbClient dynamo;
  private final TableNames tables;
  private final int lookbackDays;
  private final int parallelism;
  private final ThreadPoolExecutor pool;

  public DynamoDbPaymentLedger(DynamoDbClient dynamo, TableNames tables) {
    this(dynamo, tables, DEFAULT_LOOKBACK_DAYS, DEFAULT_PARALLELISM);
  }

  /**
   * {@code lookbackDays}: how many UTC days, today included, {@link #latest} reads at most; {@code
   * parallelism}: how many partitions are queried at once.
   */
  public DynamoDbPaymentLedger(
      DynamoDbClient dynamo, TableNames tables, int lookbackDays, int parallelism) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tables = Objects.requireNonNull(tables, "tables");
    if (lookbackDays < 1) {
      throw new IllegalArgumentException("lookbackDays must be at least 1, got " + lookbackDays);
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.lookbackDays = lookbackDays;
    this.parallelism = parallelism;
    this.pool =
        new ThreadPoolExecutor(
            parallelism,
            parallelism,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("payment-ledger-" + POOLS.incrementAndGet()));
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void paidBetween(long fromMillis, long toMillis, Consumer<Payment> each) {
    Objects.requireNonNull(each, "each");
    if (fromMillis > toMillis) {
      throw new IllegalArgumentException(
          "fromMillis " + fromMillis + " is after toMillis " + toMillis);
    }
    Object oneAtATime = new Object();
    List<Callable<Void>> partitions = new ArrayList<>();
    for (LocalDate day : PaymentsIndex.days(fromMillis, toMillis)) {
      for (int shard = 0; shard < PaymentsIndex.SHARDS; shard++) {
        String partition = PaymentsIndex.partition(day, shard);
        partitions.add(
            () -> {
              query(
                  partition,
                  fromMillis,
                  toMillis - 1,
                  true,
                  Integer.MAX_VALUE,
                  payment -> {
                    synchronized (oneAtATime) {
                      each.accept(payment);
                    }
                  });
              return null;
            });
      }
    }
    runAll(partitions);
  }

  /**
   * Day by day back from {@code nowMillis}'s, all shards of a day at once, until {@code limit}
   * payments are found or {@link #lookbackDays} days are read: a day's payments are all newer than
   * the day before's, so the newest {@code limit} of the days read are the newest of all.
   */
  @Override
  public List<Payment> latest(long nowMillis, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    LocalDate today = PaymentsIndex.dayOf(nowMillis);
    List<Payment> found = new ArrayList<>();
    for (int back = 0; back < lookbackDays && found.size() < limit; back++) {
      LocalDate day = today.minusDays(back);
      List<Callable<List<Payment>>> shards = new ArrayList<>();
      for (int shard = 0; shard < PaymentsIndex.SHARDS; shard++) {
        String partition = PaymentsIndex.partition(day, shard);
        shards.add(
            () -> {
              List<Payment> newest = new ArrayList<>();
              query(partition, Long.MIN_VALUE, Long.MAX_VALUE, false, limit, newest::add);
              return newest;
            });
      }
      runAll(shards).forEach(found::addAll);
    }
    found.sort(Payment.NEWEST_FIRST);
    return List.copyOf(found.subList(0, Math.min(limit, found.size())));
  }

  /**
   * One partition's payments with {@code paidAt} in [{@code fromMillis}, {@code untilMillis}],
   * oldest or newest first, at most {@code limit}, every page.
   */
  private void query(
      String partition,
      long fromMillis,
      long untilMillis,
      boolean oldestFirst,
      int limit,
      Consumer<Payment> each) {
    Map<String, AttributeValue> start = null;
    int taken = 0;
    do {
      QueryRequest.Builder request =
          QueryRequest.builder()
              .tableName(tables.transfers())
              .indexName(PaymentsIndex.NAME)
              .keyConditionExpression("#d = :d AND #p BETWEEN :from AND :until")
              .expressionAttributeNames(
                  Map.of("#d", PaymentsIndex.PAY_DAY, "#p", PaymentsIndex.PAID_AT))
              .expressionAttributeValues(
                  Map.of(":d", s(partition), ":from", n(fromMillis), ":until", n(untilMillis)))
              .scanIndexForward(oldestFirst);
      if (limit != Integer.MAX_VALUE) {
        request.limit(limit - taken);
      }
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryResponse page = dynamo.query(request.build());
      for (Map<String, AttributeValue> item : page.items()) {
        each.accept(payment(item));
        taken++;
      }
      start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null && taken < limit);
  }

  private Payment payment(Map<String, AttributeValue> raw) {
    StoredItem item = new StoredItem(tables.transfers(), raw);
    return new Payment(
        item.bytes32(TRANSFER_ID),
        item.address(CHANNEL_ADDRESS),
        item.address(DynamoDbChannelStore.INITIATOR),
        item.address(DynamoDbChannelStore.ASSET),
        item.uint256(DynamoDbChannelStore.AMOUNT),
        item.number(PaymentsIndex.PAID_AT));
  }

  /**
   * Runs {@code tasks} on the pool and returns their results in order; the first failure throws.
   */
  private <T> List<T> runAll(List<? extends Callable<T>> tasks) {
    if (parallelism == 1) {
      List<T> results = new ArrayList<>(tasks.size());
      for (Callable<T> task : tasks) {
        results.add(call(task));
      }
      return results;
    }
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    try {
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>(tasks.size());
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the payments index", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (Exception e) {
      throw rethrown(e);
    }
  }

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("reading the payments index failed", cause);
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
