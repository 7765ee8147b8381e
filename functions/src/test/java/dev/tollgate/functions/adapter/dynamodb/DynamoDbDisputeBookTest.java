package dev.tollgate.functions.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.protocol.DepositTotals;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.disputes.DisputeRecord;
import dev.tollgate.functions.disputes.DisputeRecordChangedException;
import dev.tollgate.functions.disputes.DisputeStage;
import dev.tollgate.functions.disputes.DisputeStep;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbDisputeBookTest extends DynamoDbLocalTables {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Address PAYER =
      Address.fromHex("0x00000000000000000000000000000000000000b0");

  private DynamoDbDisputeBook book;

  @BeforeEach
  void book() {
    book = new DynamoDbDisputeBook(dynamo, tables);
  }

  @Test
  void aSavedRecordReadsBackEqualAndAnUnknownChannelHasNone() throws Exception {
    DisputeRecord record = opened(randomChannel(), "");
    book.save(record);
    assertThat(book.find(record.channel())).contains(record);

    DisputeRecord moved =
        record.after(new DisputeStep.Wait(99, "consensus window open"), "waited", 5);
    book.save(moved);
    assertThat(book.find(record.channel())).contains(moved);
    assertThat(book.find(randomChannel())).isEmpty();

    Map<String, AttributeValue> raw = rawChainItem(record.channel().toChecksumHex(), "dispute");
    assertThat(raw.get("stage").s()).isEqualTo("OPEN");
    assertThat(raw.get("version").n()).isEqualTo("2");
  }

  @Test
  void aStaleVersionFailsWithTheStoredRecordAndChangesNothing() throws Exception {
    DisputeRecord first = opened(randomChannel(), "first");
    book.save(first);
    DisputeRecord winner = first.after(new DisputeStep.Wait(99, "w"), "winner", 10);
    DisputeRecord loser = first.after(new DisputeStep.Wait(99, "w"), "loser", 11);
    book.save(winner);

    assertThatThrownBy(() -> book.save(loser))
        .isInstanceOfSatisfying(
            DisputeRecordChangedException.class, e -> assertThat(e.stored()).contains(winner))
        .hasMessageContaining("stored version is 2");
    assertThat(book.find(first.channel())).contains(winner);

    DisputeRecord skipping = winner.after(new DisputeStep.Wait(99, "w"), "skips 3", 12);
    DisputeRecord skipped = skipping.after(new DisputeStep.Wait(99, "w"), "version 4", 13);
    assertThatThrownBy(() -> book.save(skipped))
        .isInstanceOfSatisfying(
            DisputeRecordChangedException.class, e -> assertThat(e.stored()).contains(winner));
  }

  @Test
  void aFirstVersionFailsWhenOneIsStoredAndALaterOneWhenNoneIs() throws Exception {
    DisputeRecord stored = opened(randomChannel(), "stored");
    book.save(stored);
    DisputeRecord rival = opened(stored.channel(), "rival");
    assertThatThrownBy(() -> book.save(rival))
        .isInstanceOfSatisfying(
            DisputeRecordChangedException.class, e -> assertThat(e.stored()).contains(stored));
    assertThat(book.find(stored.channel())).contains(stored);

    DisputeRecord orphan =
        opened(randomChannel(), "").after(new DisputeStep.Wait(99, "w"), "no version 1", 3);
    assertThatThrownBy(() -> book.save(orphan))
        .isInstanceOfSatisfying(
            DisputeRecordChangedException.class, e -> assertThat(e.stored()).isEmpty())
        .hasMessageContaining("stored version is none");
    assertThat(book.find(orphan.channel())).isEmpty();
  }

  @Test
  void unfinishedHoldsExactlyTheDisputesNotSettledOrLost() throws Exception {
    DisputeRecord open = saved(opened(randomChannel(), "open"));
    DisputeRecord defended = saved(open(DisputeStage.DEFENDED));
    DisputeRecord claiming = saved(open(DisputeStage.CLAIMING));
    saved(open(DisputeStage.SETTLED));
    saved(open(DisputeStage.LOST));
    DisputeRecord settledLater = saved(opened(randomChannel(), "settles later"));
    saved(settledLater.after(new DisputeStep.Settled(), "settled", 20));
    DisputeRecord lost = saved(open(DisputeStage.LOST));
    DisputeRecord reopened = saved(lost.disputedAgain(9, PAYER, 100, 200, 30));
    // Other records of the same channels live in the same table and must not be read as disputes.
    new DynamoDbConfirmedDeposits(dynamo, tables)
        .record(
            open.channel(), TestChannels.TOKEN, new DepositTotals(Uint256.ZERO, Uint256.of(5)), 7);

    assertThat(book.unfinished())
        .containsExactlyInAnyOrder(open, defended, claiming, reopened)
        .extracting(DisputeRecord::stage)
        .doesNotContain(DisputeStage.SETTLED, DisputeStage.LOST);
  }

  @Test
  void ofEightRacingWritersOfTheNextVersionExactlyOneWins() throws Exception {
    DisputeRecord first = saved(opened(randomChannel(), ""));
    List<DisputeRecord> rivals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rivals.add(first.after(new DisputeStep.Wait(99, "w"), "rival " + i, 100 + i));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(rivals.size());
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (DisputeRecord rival : rivals) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    book.save(rival);
                    return true;
                  } catch (DisputeRecordChangedException lost) {
                    assertThat(lost.stored().orElseThrow().version()).isEqualTo(2);
                    return false;
                  }
                }));
      }
      start.countDown();
      List<DisputeRecord> winners = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).get()) {
          winners.add(rivals.get(i));
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(book.find(first.channel())).contains(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  private DisputeRecord saved(DisputeRecord record) throws DisputeRecordChangedException {
    book.save(record);
    return record;
  }

  /** A first record already at {@code stage}, as a store written by an earlier keeper holds. */
  private static DisputeRecord open(DisputeStage stage) {
    return new DisputeRecord(
        randomChannel(), 4, PAYER, 1_000, 2_000, stage, "at " + stage, TestChannels.NOW, 1);
  }

  private static DisputeRecord opened(Address channel, String action) {
    return new DisputeRecord(
        channel,
        7,
        PAYER,
        TestChannels.NOW + 3_600,
        TestChannels.NOW + 7_200,
        DisputeStage.OPEN,
        action,
        TestChannels.NOW,
        1);
  }

  private static Address randomChannel() {
    return Address.of(RANDOM.generateSeed(20));
  }
}
