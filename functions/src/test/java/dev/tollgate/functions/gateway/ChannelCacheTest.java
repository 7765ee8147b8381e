package dev.tollgate.functions.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.channel.NetworkContext;
import dev.tollgate.core.port.StoredChannel;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.value.Address;
import org.junit.jupiter.api.Test;

class ChannelCacheTest {
  private static final NetworkContext NETWORK =
      new NetworkContext(
          31337,
          Address.fromHex("0xfac7000000000000000000000000000000000001"),
          Address.fromHex("0x5e65000000000000000000000000000000000001"));
  private static final Address ALICE =
      Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final Address BOB = Address.fromHex("0x00000000000000000000000000000000000000b0");

  private static StoredChannel channel(int n) {
    return StoredChannel.doubleSigned(
        Channel.unopened(
            Address.of(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) n}),
            ALICE,
            BOB,
            NETWORK));
  }

  @Test
  void keepsTheMostRecentlyUsedUpToItsCapacity() {
    ChannelCache cache = new ChannelCache(2);
    cache.put(channel(1));
    cache.put(channel(2));
    cache.get(channel(1).latest().channelAddress());

    cache.put(channel(3));

    assertThat(cache.get(channel(1).latest().channelAddress())).isPresent();
    assertThat(cache.get(channel(2).latest().channelAddress())).isEmpty();
    assertThat(cache.get(channel(3).latest().channelAddress())).isPresent();
  }

  @Test
  void forgetDropsAnEntryAndCapacityMustBePositive() {
    ChannelCache cache = new ChannelCache(1);
    cache.put(channel(7));

    cache.forget(channel(7).latest().channelAddress());

    assertThat(cache.get(channel(7).latest().channelAddress())).isEmpty();
    assertThatThrownBy(() -> new ChannelCache(0)).hasMessageContaining("0");
  }
}
