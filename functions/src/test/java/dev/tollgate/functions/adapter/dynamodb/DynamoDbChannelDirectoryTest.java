package dev.tollgate.functions.adapter.dynamodb;

import static dev.tollgate.functions.adapter.dynamodb.TestChannels.preImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.port.ChannelWrite;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import dev.tollgate.functions.operator.ChannelPage;
import dev.tollgate.functions.operator.ListedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DynamoDbChannelDirectoryTest extends DynamoDbLocalTables {
  private final TestChannels channels = new TestChannels();
  private final AtomicLong clock = new AtomicLong(TestChannels.NOW);

  @Test
  void pagesWithASmallLimitListEveryChannelOnceAsStored() throws Exception {
    DynamoDbChannelStore store = new DynamoDbChannelStore(dynamo, tables, clock::get);
    Map<Address, Channel> stored = new HashMap<>();
    Map<Address, Long> writtenAt = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      clock.set(TestChannels.NOW + i * 60);
      TestChannels.Opened opened = channels.opened(1_000 * (i + 1));
      store.write(opened.write());
      ChannelWrite last = opened.write();
      if (i == 3) {
        // One channel with a lock still open, so its latest state is not double-signed.
        last = channels.lock(opened.payer(), opened.write().next(), 250, preImage(1));
        store.write(last);
      }
      stored.put(last.next().latest().channelAddress(), last.next().latest());
      writtenAt.put(last.next().latest().channelAddress(), clock.get());
    }
    Address disputed = stored.keySet().iterator().next();
    store.markDisputed(disputed, 2);

    DynamoDbChannelDirectory directory = new DynamoDbChannelDirectory(dynamo, tables);
    List<ListedChannel> listed = new ArrayList<>();
    Optional<Address> after = Optional.empty();
    int pages = 0;
    do {
      ChannelPage page = directory.page(after, 2);
      assertThat(page.channels()).hasSizeLessThanOrEqualTo(2);
      listed.addAll(page.channels());
      after = page.next();
      pages++;
      assertThat(pages).as("pages before the listing ended").isLessThan(10);
    } while (after.isPresent());

    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(listed).hasSize(5);
    for (ListedChannel channel : listed) {
      Address address = channel.latest().channelAddress();
      assertThat(json(channel.latest())).isEqualTo(json(stored.get(address)));
      assertThat(channel.updatedAt()).isEqualTo(writtenAt.get(address));
      assertThat(channel.disputed()).isEqualTo(address.equals(disputed));
    }
    assertThat(listed.stream().map(c -> c.latest().channelAddress()))
        .containsExactlyInAnyOrderElementsOf(stored.keySet());
  }

  @Test
  void aZeroLimitIsAProgrammingError() {
    DynamoDbChannelDirectory directory = new DynamoDbChannelDirectory(dynamo, tables);
    assertThatThrownBy(() -> directory.page(Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0");
  }

  private static String json(Channel channel) {
    return ChannelJson.write(ChannelJson.toJson(channel));
  }
}
