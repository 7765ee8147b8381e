package dev.tollgate.functions.events;

import static dev.tollgate.functions.events.WatcherFixture.PAYER;
import static dev.tollgate.functions.harness.QueueMessages.deduplicationId;
import static dev.tollgate.functions.harness.QueueMessages.drain;
import static dev.tollgate.functions.harness.QueueMessages.groupId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.contracts.anvil.DevAccounts;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.events.WatcherFixture.Deposit;
import dev.tollgate.functions.events.WatcherFixture.Scenario;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** The watcher on anvil, DynamoDB Local and ElasticMQ: what reaches the queue, and when. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainWatcherOnChainTest {
  private static final long CONFIRMATIONS = 5;

  private WatcherFixture chain;

  @BeforeAll
  void start() throws Exception {
    chain = WatcherFixture.start();
  }

  @AfterAll
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  void aDepositIsPublishedOnceItIsConfirmationsDeepAndOnlyOnce() throws Exception {
    Scenario scenario = chain.scenario();
    Address channel = chain.knownChannel(scenario, PAYER);
    WatcherSettings settings = chain.settings(CONFIRMATIONS);
    ChainWatcher watcher = chain.watcher(scenario, settings);
    BigInteger amount = BigInteger.valueOf(123_456);

    Deposit deposit = chain.deposit(PAYER, channel, amount);
    chain.mineTo(deposit.block() + CONFIRMATIONS - 1);
    WatchReport tooShallow = watcher.run();

    assertThat(tooShallow.safeBlock()).isEqualTo(deposit.block() - 1);
    assertThat(tooShallow.toBlock()).isEqualTo(deposit.block() - 1);
    assertThat(tooShallow.eventsPublished()).isZero();
    assertThat(drain(chain.sqs, scenario.queueUrl())).isEmpty();

    chain.mineTo(deposit.block() + CONFIRMATIONS);
    WatchReport deep = watcher.run();

    assertThat(deep.fromBlock()).isEqualTo(deposit.block());
    assertThat(deep.toBlock()).isEqualTo(deposit.block());
    assertThat(deep.eventsPublished()).isEqualTo(1);
    assertThat(deep.caughtUp()).isTrue();
    List<Message> delivered = drain(chain.sqs, scenario.queueUrl());
    assertThat(delivered).hasSize(1);
    Message message = delivered.get(0);
    assertThat(groupId(message)).isEqualTo(channel.toChecksumHex());
    assertThat(deduplicationId(message)).isEqualTo(deposit.eventId());
    ChainEvent event = ChainEventJson.read(message.body());
    assertThat(event)
        .isInstanceOfSatisfying(
            ChainEvent.TokenDeposited.class,
            d -> {
              assertThat(d.channel()).isEqualTo(channel);
              assertThat(d.assetId()).isEqualTo(chain.deployment.testToken());
              assertThat(d.from()).isEqualTo(Address.fromHex(PAYER.getAddress()));
              assertThat(d.amount()).isEqualTo(Uint256.of(amount));
              assertThat(d.origin().eventId()).isEqualTo(deposit.eventId());
              assertThat(d.origin().blockNumber()).isEqualTo(deposit.block());
            });

    WatchReport again = watcher.run();

    assertThat(again.ranges()).isZero();
    assertThat(again.eventsPublished()).isZero();
    assertThat(drain(chain.sqs, scenario.queueUrl())).isEmpty();

    resetCursor(scenario);
    WatchReport reread = watcher.run();

    assertThat(reread.fromBlock()).isEqualTo(settings.startBlock());
    assertThat(reread.eventsPublished()).as("the range is read again").isEqualTo(1);
    assertThat(drain(chain.sqs, scenario.queueUrl()))
        .as("the queue drops the repeat by its deduplication id")
        .isEmpty();
  }

  @Test
  void aDepositReorganisedAwayBeforeItWasDeepEnoughIsNeverPublished() throws Exception {
    Scenario scenario = chain.scenario();
    Address channel = chain.knownChannel(scenario, PAYER);
    ChainWatcher watcher = chain.watcher(scenario, chain.settings(CONFIRMATIONS));
    chain.mint(PAYER, BigInteger.valueOf(1_000));
    String beforeDeposit = chain.anvil.snapshot();

    Deposit orphaned = chain.transfer(PAYER, channel, BigInteger.valueOf(999));
    // Fewer than the confirmations on top: the deposit's block is not safe yet, its parent is.
    chain.mineTo(orphaned.block() + CONFIRMATIONS - 1);
    WatchReport shallow = watcher.run();

    assertThat(shallow.toBlock()).isEqualTo(orphaned.block() - 1);
    assertThat(shallow.eventsPublished()).isZero();
    assertThat(drain(chain.sqs, scenario.queueUrl())).isEmpty();

    // Every block above the safe one is replaced: a reorganisation within the confirmation depth.
    chain.anvil.revertTo(beforeDeposit);
    assertThat(
            chain
                .anvil
                .web3j()
                .ethGetTransactionReceipt(orphaned.txHash().toString())
                .send()
                .getTransactionReceipt())
        .as("the deposit is gone from the chain")
        .isEmpty();
    Deposit replacement = chain.transfer(PAYER, channel, BigInteger.valueOf(7));
    chain.mineTo(orphaned.block() + CONFIRMATIONS + 3);
    WatchReport after = watcher.run();

    assertThat(after.fromBlock()).isEqualTo(orphaned.block());
    assertThat(after.caughtUp()).isTrue();
    List<Message> delivered = drain(chain.sqs, scenario.queueUrl());
    assertThat(delivered)
        .extracting(m -> deduplicationId(m))
        .as("only the deposit on the surviving chain")
        .containsExactly(replacement.eventId());
    assertThat(((ChainEvent.TokenDeposited) ChainEventJson.read(delivered.get(0).body())).amount())
        .isEqualTo(Uint256.of(7));
  }

  @Test
  void twoWatchersRacingOnOneCursorDeliverEachEventOnceAndTheLoserIsTold() throws Exception {
    Scenario scenario = chain.scenario();
    Credentials payer = DevAccounts.account(4);
    Address channel = chain.knownChannel(scenario, payer);
    WatcherSettings settings = chain.settings(CONFIRMATIONS);
    Deposit deposit = chain.deposit(payer, channel, BigInteger.valueOf(55));
    chain.mineTo(deposit.block() + CONFIRMATIONS);
    // Both runs read the cursor before either writes it: each waits at the log read for the other.
    CyclicBarrier bothRead = new CyclicBarrier(2);
    ChainLogs logs = chain.chainLogs();
    ChainLogs meetingLogs =
        new ChainLogs() {
          @Override
          public long headBlock() {
            return logs.headBlock();
          }

          @Override
          public List<ChainEvent> events(
              long from, long to, Collection<Address> channels, Collection<Address> assets) {
            try {
              bothRead.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException("the other watcher never read the logs", e);
            }
            return logs.events(from, to, channels, assets);
          }
        };
    ChainWatcher first = chain.watcher(scenario, settings, meetingLogs);
    ChainWatcher second = chain.watcher(scenario, settings, meetingLogs);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Object> outcomes = new ArrayList<>();
    try {
      Future<Object> a = pool.submit(() -> outcome(first));
      Future<Object> b = pool.submit(() -> outcome(second));
      outcomes.add(a.get(60, TimeUnit.SECONDS));
      outcomes.add(b.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }

    long safe = deposit.block();
    assertThat(outcomes)
        .filteredOn(o -> o instanceof WatchReport)
        .singleElement()
        .satisfies(
            o -> {
              WatchReport won = (WatchReport) o;
              assertThat(won.toBlock()).isEqualTo(safe);
              assertThat(won.eventsPublished()).isEqualTo(1);
            });
    assertThat(outcomes)
        .filteredOn(o -> o instanceof CursorMovedException)
        .singleElement()
        .satisfies(
            o -> {
              CursorMovedException lost = (CursorMovedException) o;
              assertThat(lost.expected()).isEmpty();
              assertThat(lost.stored()).hasValue(safe);
            });
    assertThat(drain(chain.sqs, scenario.queueUrl()))
        .extracting(m -> deduplicationId(m))
        .as("both published it; the queue delivers it once")
        .containsExactly(deposit.eventId());
  }

  private static Object outcome(ChainWatcher watcher) {
    try {
      return watcher.run();
    } catch (CursorMovedException e) {
      return e;
    }
  }

  private void resetCursor(Scenario scenario) {
    chain.dynamo.deleteItem(
        b ->
            b.tableName(scenario.tables().chain())
                .key(
                    Map.of(
                        "pk", AttributeValue.fromS("cursor"),
                        "sk", AttributeValue.fromS("watcher"))));
  }
}
