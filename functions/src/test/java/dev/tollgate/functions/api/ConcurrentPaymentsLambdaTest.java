package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.core.update.UpdateDetails;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.x402.PaymentRequirements;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 32 clients race paid requests through the Lambda handler, on one channel and across 100: every
 * nonce is taken once, every 200 is charged exactly once, every loser gets 409 with the latest
 * update and gets through after syncing.
 */
class ConcurrentPaymentsLambdaTest extends OnStackTest {
  private static final int THREADS = 32;
  private static final BigInteger DEPOSIT = BigInteger.valueOf(10_000_000);

  private HttpPayer funded() throws Exception {
    return funded(DEPOSIT);
  }

  /** What the racing clients saw. */
  private static final class Tally {
    final AtomicInteger paid = new AtomicInteger();
    final AtomicInteger behind = new AtomicInteger();
    final AtomicInteger behindWithoutSettlement = new AtomicInteger();
    final Set<Bytes32> transferIds = ConcurrentHashMap.newKeySet();
    final Map<Address, AtomicInteger> paidPerChannel = new ConcurrentHashMap<>();
    final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
  }

  /**
   * One client pays once on {@code client}'s channel, syncing on each 409 until it gets through.
   */
  private void payOnce(HttpPayer client, String path, Tally tally) {
    // Each payment pays its own quote. Two clients sending the very same create are one payment
    // sent twice, which the gateway answers once; the idempotency test covers that.
    PaymentRequirements quote = client.quote(path);
    for (int attempt = 0; attempt < 200; attempt++) {
      HttpPayer.Paid paid = client.pay(path, quote);
      if (paid.status() == 200) {
        tally.paid.incrementAndGet();
        tally
            .paidPerChannel
            .computeIfAbsent(client.channel(), c -> new AtomicInteger())
            .incrementAndGet();
        ChannelUpdate create = paid.settlement().createUpdate().orElseThrow();
        if (!tally.transferIds.add(((UpdateDetails.Create) create.details()).transferId())) {
          tally.unexpected.add("transfer settled twice at nonce " + create.nonce());
        }
        return;
      }
      if (paid.status() == 409) {
        tally.behind.incrementAndGet();
        if (paid.settlement() == null) {
          tally.behindWithoutSettlement.incrementAndGet();
        }
        client.sync();
        continue;
      }
      tally.unexpected.add(paid.status() + " " + paid.response().body());
      return;
    }
    tally.unexpected.add("no payment got through after 200 attempts on " + client.channel());
  }

  private void race(int tasks, java.util.function.IntFunction<Runnable> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < tasks; i++) {
        Runnable r = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  r.run();
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thirtyTwoClientsOnOneChannelEachGetThroughOnceCharged() throws Exception {
    HttpPayer owner = funded();
    int rounds = 2;
    Tally tally = new Tally();
    List<HttpPayer> clients = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      clients.add(owner.twin());
    }

    race(
        THREADS,
        i ->
            () -> {
              for (int r = 0; r < rounds; r++) {
                payOnce(clients.get(i), ARTICLES + "hot", tally);
              }
            });

    assertThat(tally.unexpected).isEmpty();
    int payments = THREADS * rounds;
    assertThat(tally.paid.get()).isEqualTo(payments);
    assertThat(tally.transferIds).hasSize(payments);
    assertThat(tally.behind.get()).as("racing clients on one channel collide").isPositive();
    assertThat(tally.behindWithoutSettlement.get()).isZero();
    assertChannelCharged(owner, payments);
  }

  @Test
  void thirtyTwoClientsAcrossAHundredChannelsLoseNothing() throws Exception {
    int channels = 100;
    int payments = 192;
    List<HttpPayer> owners = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      owners.add(funded());
    }
    Tally tally = new Tally();
    // Each thread keeps its own client per channel, as separate devices of one reader would.
    List<Map<Integer, HttpPayer>> clients = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      clients.add(new HashMap<>());
    }

    race(
        THREADS,
        t ->
            () -> {
              Random random = new Random(t);
              for (int p = 0; p < payments / THREADS; p++) {
                int c = random.nextInt(channels);
                HttpPayer client = clients.get(t).computeIfAbsent(c, k -> owners.get(k).twin());
                payOnce(client, ARTICLES + "wide", tally);
              }
            });

    assertThat(tally.unexpected).isEmpty();
    assertThat(tally.paid.get()).isEqualTo(payments);
    assertThat(tally.transferIds).hasSize(payments);
    assertThat(tally.behindWithoutSettlement.get()).isZero();
    int total = 0;
    for (HttpPayer owner : owners) {
      int paidHere = tally.paidPerChannel.getOrDefault(owner.channel(), new AtomicInteger()).get();
      assertChannelCharged(owner, paidHere);
      total += paidHere;
    }
    assertThat(total).isEqualTo(payments);
  }

  /**
   * The stored channel holds exactly {@code payments} settled payments: the gateway's balance is
   * their price, the rest is the payer's, no transfer is left locked, and the recorded history has
   * one create and one resolve per payment at consecutive nonces.
   */
  private void assertChannelCharged(HttpPayer owner, int payments) {
    Channel stored = JsonAssert.stored(stack, owner);
    BigInteger spent = ARTICLE_PRICE.multiply(BigInteger.valueOf(payments));
    int asset = stored.state().assetIndex(stack.token());
    assertThat(stored.state().balances().get(asset).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(asset).amount(1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(stored.activeTransfers()).isEmpty();
    List<ChannelUpdate> history = new ArrayList<>();
    long after = 0;
    while (true) {
      LambdaInvoker.Response r =
          owner.read("/channels/" + owner.channel() + "/updates?after=" + after + "&limit=100");
      List<ChannelUpdate> page = HttpPayer.updates(r);
      if (page.isEmpty()) {
        break;
      }
      history.addAll(page);
      after = page.get(page.size() - 1).nonce();
    }
    Set<Long> nonces = new HashSet<>();
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).nonce()).isEqualTo(i + 1L);
      nonces.add(history.get(i).nonce());
    }
    long creates =
        history.stream().filter(u -> u.details() instanceof UpdateDetails.Create).count();
    long resolves =
        history.stream().filter(u -> u.details() instanceof UpdateDetails.Resolve).count();
    assertThat(creates).isEqualTo(payments);
    assertThat(resolves).isEqualTo(payments);
    assertThat(nonces).hasSize(2 + 2 * payments);
  }
}
