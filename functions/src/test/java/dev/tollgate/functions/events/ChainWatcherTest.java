package dev.tollgate.functions.events;

import static dev.tollgate.functions.events.TestEvents.TOKEN;
import static dev.tollgate.functions.events.TestEvents.address;
import static dev.tollgate.functions.events.TestEvents.created;
import static dev.tollgate.functions.events.TestEvents.deposit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.events.FakeChainLogs.Read;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watcher's loop over in-memory ports; the same loop on real ones is in the on-chain tests. */
class ChainWatcherTest {
  private static final Address CHANNEL = address(0xc1);
  private static final Address STRANGER = address(0xc9);

  private final FakeChainLogs chain = new FakeChainLogs(0);
  private final InMemoryWatchCursor cursor = new InMemoryWatchCursor();
  private final RecordingEventQueue queue = new RecordingEventQueue();
  private final List<Address> known = new ArrayList<>(List.of(CHANNEL));

  private ChainWatcher watcher(WatcherSettings settings) {
    return new ChainWatcher(chain, () -> Set.copyOf(known), queue, cursor, settings);
  }

  private static WatcherSettings settings(long confirmations, long perRange, int ranges) {
    return WatcherSettings.defaults(Set.of(TOKEN))
        .withConfirmations(confirmations)
        .withMaxBlocksPerRange(perRange)
        .withMaxRangesPerRun(ranges);
  }

  @Test
  void readsFromTheStartBlockInRangesUpToTheRunsLimitThenGoesOnNextRun() throws Exception {
    chain.head(120);
    ChainEvent early = deposit(CHANNEL, 5, 1);
    ChainEvent inFirstRange = deposit(CHANNEL, 10, 2);
    ChainEvent inThirdRange = deposit(CHANNEL, 31, 3);
    ChainEvent inSecondRun = deposit(CHANNEL, 45, 4);
    List.of(early, inFirstRange, inThirdRange, inSecondRun).forEach(chain::log);
    ChainWatcher watcher = watcher(settings(10, 10, 3).withStartBlock(8));

    WatchReport first = watcher.run();

    assertThat(chain.reads())
        .extracting(Read::from, Read::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(8L, 17L),
            org.assertj.core.groups.Tuple.tuple(18L, 27L),
            org.assertj.core.groups.Tuple.tuple(28L, 37L));
    assertThat(chain.reads())
        .allSatisfy(
            r -> {
              assertThat(r.channels()).containsExactly(CHANNEL);
              assertThat(r.assets()).containsExactly(TOKEN);
            });
    assertThat(queue.published()).containsExactly(inFirstRange, inThirdRange);
    assertThat(cursor.lastBlock()).hasValue(37);
    assertThat(first).isEqualTo(new WatchReport(120, 110, 8, 37, 2, 3, false));

    WatchReport second = watcher.run();

    assertThat(second).isEqualTo(new WatchReport(120, 110, 38, 67, 1, 3, false));
    assertThat(queue.published()).containsExactly(inFirstRange, inThirdRange, inSecondRun);
    assertThat(cursor.lastBlock()).hasValue(67);
  }

  @Test
  void publishesABlockOnlyOnceItIsConfirmationsDeep() throws Exception {
    ChainEvent deposit = deposit(CHANNEL, 50, 7);
    chain.log(deposit);
    chain.head(61);
    ChainWatcher watcher = watcher(settings(12, 2_000, 10));

    WatchReport shallow = watcher.run();

    assertThat(shallow).isEqualTo(new WatchReport(61, 49, 0, 49, 0, 1, true));
    assertThat(queue.published()).isEmpty();

    chain.head(62);
    WatchReport deep = watcher.run();

    assertThat(deep).isEqualTo(new WatchReport(62, 50, 50, 50, 1, 1, true));
    assertThat(queue.published()).containsExactly(deposit);
    assertThat(cursor.lastBlock()).hasValue(50);
  }

  @Test
  void doesNothingWhileTheHeadIsShallowerThanTheConfirmations() throws Exception {
    chain.head(11);
    chain.log(deposit(CHANNEL, 0, 1));

    WatchReport report = watcher(settings(12, 2_000, 10)).run();

    assertThat(report).isEqualTo(new WatchReport(11, -1, 0, -1, 0, 0, true));
    assertThat(chain.reads()).isEmpty();
    assertThat(queue.batches()).isEmpty();
    assertThat(cursor.lastBlock()).isEmpty();
  }

  @Test
  void doesNothingWhenTheCursorIsAtTheSafeBlock() throws Exception {
    cursor.set(88);
    chain.head(100);

    WatchReport report = watcher(settings(12, 2_000, 10)).run();

    assertThat(report).isEqualTo(new WatchReport(100, 88, 89, 88, 0, 0, true));
    assertThat(chain.reads()).isEmpty();
    assertThat(cursor.lastBlock()).hasValue(88);
  }

  @Test
  void aFailedPublishLeavesTheCursorSoTheNextRunReadsTheRangeAgain() throws Exception {
    ChainEvent first = deposit(CHANNEL, 3, 1);
    ChainEvent second = deposit(CHANNEL, 14, 2);
    chain.log(first);
    chain.log(second);
    chain.head(30);
    ChainWatcher watcher = watcher(settings(0, 10, 10));
    queue.refuseNext(1);

    assertThatThrownBy(watcher::run).hasMessageContaining("queue unavailable");

    assertThat(cursor.lastBlock()).isEmpty();
    assertThat(queue.published()).isEmpty();

    WatchReport retried = watcher.run();

    assertThat(retried).isEqualTo(new WatchReport(30, 30, 0, 30, 2, 4, true));
    assertThat(chain.reads())
        .extracting(Read::from)
        .as("the failed range is read again")
        .containsExactly(0L, 0L, 10L, 20L, 30L);
    assertThat(queue.published()).containsExactly(first, second);
  }

  @Test
  void aFailureInALaterRangeKeepsTheRangesBeforeIt() throws Exception {
    ChainEvent first = deposit(CHANNEL, 3, 1);
    ChainEvent second = deposit(CHANNEL, 14, 2);
    chain.log(first);
    chain.log(second);
    chain.head(30);
    AtomicInteger publishes = new AtomicInteger();
    EventQueue failsSecond =
        events -> {
          if (publishes.incrementAndGet() == 2) {
            throw new IllegalStateException("second publish refused");
          }
          queue.publish(events);
        };
    ChainWatcher watcher =
        new ChainWatcher(chain, () -> Set.copyOf(known), failsSecond, cursor, settings(0, 10, 10));

    assertThatThrownBy(watcher::run).hasMessageContaining("second publish refused");

    assertThat(cursor.lastBlock()).as("past the first range only").hasValue(9);
    assertThat(queue.published()).containsExactly(first);
  }

  @Test
  void emptyRangesMoveTheCursorWithoutPublishing() throws Exception {
    chain.head(25);

    WatchReport report = watcher(settings(0, 10, 10)).run();

    assertThat(report).isEqualTo(new WatchReport(25, 25, 0, 25, 0, 3, true));
    assertThat(queue.batches()).isEmpty();
    assertThat(cursor.lastBlock()).hasValue(25);
  }

  @Test
  void onlyKnownChannelsAreAskedAboutAndAChannelCreatedInARunIsKnownInItsLaterRanges()
      throws Exception {
    Address fresh = address(0xc2);
    ChainEvent creation = created(fresh, 2);
    ChainEvent freshDeposit = deposit(fresh, 12, 5);
    ChainEvent strangerDeposit = deposit(STRANGER, 4, 9);
    List.of(creation, freshDeposit, strangerDeposit).forEach(chain::log);
    chain.head(19);

    watcher(settings(0, 10, 10)).run();

    assertThat(queue.published()).containsExactly(creation, freshDeposit);
    assertThat(chain.reads().get(0).channels()).containsExactly(CHANNEL);
    assertThat(chain.reads().get(1).channels()).containsExactlyInAnyOrder(CHANNEL, fresh);
  }

  @Test
  void aCursorMovedByAnotherRunStopsThisRunWithTheStoredBlock() throws Exception {
    chain.head(40);
    ChainEvent deposit = deposit(CHANNEL, 15, 1);
    chain.log(deposit);
    ChainWatcher watcher =
        new ChainWatcher(
            chain,
            () -> Set.copyOf(known),
            events -> {
              queue.publish(events);
              cursor.set(29); // the other run got there first
            },
            cursor,
            settings(0, 10, 10).withStartBlock(10));

    assertThatThrownBy(watcher::run)
        .isInstanceOfSatisfying(
            CursorMovedException.class,
            e -> {
              assertThat(e.expected()).isEmpty();
              assertThat(e.stored()).hasValue(29);
            })
        .hasMessage("the watch cursor is no longer at no block (no cursor); it is at block 29");
    assertThat(chain.reads()).as("nothing read after the lost race").hasSize(1);
    assertThat(cursor.lastBlock()).hasValue(29);
  }

  @Test
  void aCursorMovesOnlyForward() {
    assertThatThrownBy(() -> cursor.advance(OptionalLong.empty(), -1))
        .hasMessage("a cursor block must not be negative, got -1");
    assertThatThrownBy(() -> cursor.advance(OptionalLong.of(7), 7))
        .hasMessage("a cursor only moves forward: from 7 to 7");
  }

  @Test
  void settingsNameWhatIsWrong() {
    Set<Address> assets = Set.of(TOKEN);
    assertThatThrownBy(() -> new WatcherSettings(-1, 1, 1, 0, assets))
        .hasMessage("confirmations must not be negative, got -1");
    assertThatThrownBy(() -> new WatcherSettings(0, 0, 1, 0, assets))
        .hasMessage("maxBlocksPerRange must be at least 1, got 0");
    assertThatThrownBy(() -> new WatcherSettings(0, 1, 0, 0, assets))
        .hasMessage("maxRangesPerRun must be at least 1, got 0");
    assertThatThrownBy(() -> new WatcherSettings(0, 1, 1, -5, assets))
        .hasMessage("startBlock must not be negative, got -5");
    assertThatThrownBy(() -> new WatcherSettings(0, 1, 1, 0, Set.of()))
        .hasMessage("assets must name at least one token, got none");
    assertThat(WatcherSettings.defaults(assets))
        .isEqualTo(new WatcherSettings(12, 2_000, 10, 0, assets));
  }

  @Test
  void aHugeRangeSizeDoesNotOverflow() throws Exception {
    chain.head(1_000);
    WatchReport report = watcher(settings(0, Long.MAX_VALUE, 1).withStartBlock(3)).run();
    assertThat(report).isEqualTo(new WatchReport(1_000, 1_000, 3, 1_000, 0, 1, true));
  }
}
