package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.TestChannels.preImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.value.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynamoDbIdleChannelsTest extends DynamoDbLocalTables {
  private static final long CUTOFF = TestChannels.NOW + 1_000;

  private final TestChannels channels = new TestChannels();
  private final AtomicLong clock = new AtomicLong();
  private DynamoDbChannelStore store;

  @BeforeEach
  void store() {
    store = new DynamoDbChannelStore(dynamo, tables, clock::get);
  }

  @Test
  void findsExactlyTheChannelsWithAnUnacknowledgedStateOlderThanTheCutoff() throws Exception {
    List<Address> idle = new ArrayList<>();
    idle.add(paid(CUTOFF - 500));
    idle.add(paid(CUTOFF - 1));
    opened(CUTOFF - 500); // double-signed: nothing to claim
    locked(CUTOFF - 500); // the payer's create, countersigned: double-signed
    acknowledged(CUTOFF - 500); // was unacknowledged, then the payer built on it
    paid(CUTOFF); // not before the cutoff
    paid(CUTOFF + 500);

    assertThat(new DynamoDbIdleChannels(dynamo, tables).unacknowledgedSince(CUTOFF, 100))
        .containsExactlyInAnyOrderElementsOf(idle);
    // One item per scan page: the matches are spread over many pages.
    assertThat(new DynamoDbIdleChannels(dynamo, tables, 1).unacknowledgedSince(CUTOFF, 100))
        .containsExactlyInAnyOrderElementsOf(idle);
  }

  @Test
  void stopsAtTheLimitAcrossScanPages() throws Exception {
    List<Address> idle = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      idle.add(paid(CUTOFF - 100 - i));
      opened(CUTOFF - 100);
      paid(CUTOFF + 100);
    }
    DynamoDbIdleChannels smallPages = new DynamoDbIdleChannels(dynamo, tables, 2);

    List<Address> three = smallPages.unacknowledgedSince(CUTOFF, 3);
    assertThat(three).hasSize(3).doesNotHaveDuplicates();
    assertThat(idle).containsAll(three);
    assertThat(smallPages.unacknowledgedSince(CUTOFF, 7)).containsExactlyInAnyOrderElementsOf(idle);
    assertThat(smallPages.unacknowledgedSince(CUTOFF, 100))
        .containsExactlyInAnyOrderElementsOf(idle);
    // A page larger than the limit still returns no more than the limit.
    assertThat(new DynamoDbIdleChannels(dynamo, tables, 50).unacknowledgedSince(CUTOFF, 4))
        .hasSize(4);
    assertThat(smallPages.unacknowledgedSince(TestChannels.NOW, 5)).isEmpty();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new DynamoDbIdleChannels(dynamo, tables).unacknowledgedSince(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  private Address opened(long at) throws Exception {
    clock.set(at);
    ChannelWrite open = channels.opened(1_000_000).write();
    store.write(open);
    return open.next().latest().channelAddress();
  }

  /** Opened, then paid at {@code at}: the gateway's resolve waits for the payer's signature. */
  private Address paid(long at) throws Exception {
    clock.set(at);
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    ChannelWrite pay = channels.payment(opened.payer(), opened.write().next(), 1_000, preImage(1));
    store.write(pay);
    return pay.next().latest().channelAddress();
  }

  private Address locked(long at) throws Exception {
    clock.set(at);
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    ChannelWrite lock = channels.lock(opened.payer(), opened.write().next(), 1_000, preImage(1));
    store.write(lock);
    return lock.next().latest().channelAddress();
  }

  /** Paid, then the payer's next payment countersigned on top of the gateway's resolve. */
  private Address acknowledged(long at) throws Exception {
    clock.set(at);
    TestChannels.Opened opened = channels.opened(1_000_000);
    store.write(opened.write());
    ChannelWrite pay = channels.payment(opened.payer(), opened.write().next(), 1_000, preImage(1));
    store.write(pay);
    ChannelWrite next = channels.lock(opened.payer(), pay.next(), 1_000, preImage(2));
    store.write(next);
    return next.next().latest().channelAddress();
  }
}
