package dev.tollgate.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Address;
import org.junit.jupiter.api.Test;

class ChannelAddressesTest {
  private static final Address FACTORY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private static final Address MASTERCOPY =
      Address.fromHex("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
  private static final Address ALICE =
      Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  private static final Address BOB = Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

  @Test
  void theProxyCodeEmbedsTheMastercopy() {
    byte[] code = ChannelAddresses.proxyCreationCode(MASTERCOPY);
    assertThat(code).hasSize(55);
    byte[] embedded = new byte[20];
    System.arraycopy(code, 20, embedded, 0, 20);
    assertThat(Address.of(embedded)).isEqualTo(MASTERCOPY);
  }

  @Test
  void theAddressDependsOnWhoIsAliceAndOnTheChain() {
    Address channel = ChannelAddresses.channelAddress(FACTORY, MASTERCOPY, ALICE, BOB, 31337);
    assertThat(ChannelAddresses.channelAddress(FACTORY, MASTERCOPY, BOB, ALICE, 31337))
        .isNotEqualTo(channel);
    assertThat(ChannelAddresses.channelAddress(FACTORY, MASTERCOPY, ALICE, BOB, 1))
        .isNotEqualTo(channel);
    assertThat(ChannelAddresses.channelAddress(MASTERCOPY, FACTORY, ALICE, BOB, 31337))
        .isNotEqualTo(channel);
  }

  @Test
  void aNonPositiveChainIdIsRefusedByName() {
    assertThatThrownBy(() -> ChannelAddresses.channelAddress(FACTORY, MASTERCOPY, ALICE, BOB, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chainId must be positive, got 0");
  }
}
