package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.contracts.chain.EventTopics;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.events.ChainEvent;
import dev.tollgate.functions.events.EventOrigin;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The decoder on hand-made logs: what is skipped, and how malformed data is reported. Decoding of
 * real logs is {@link Web3jChainLogsTest}'s.
 */
class LogDecoderTest {
  private static final Address CHANNEL = address(0x11);
  private static final Address TOKEN = address(0x70);
  private static final Address BOB = address(0xb0);
  private static final String TX = word(5).toHex();
  private static final String BLOCK = word(6).toHex();
  private static final String ALICE_DEPOSITED =
      EventTopics.of("ChannelMastercopy").topic("AliceDeposited");

  @Test
  void aWellFormedTransferIsATokenDepositIntoItsRecipient() {
    Log log =
        log(
            TOKEN,
            List.of(
                LogDecoder.ERC20_TRANSFER,
                Web3jChainLogs.topic(BOB),
                Web3jChainLogs.topic(CHANNEL)),
            Uint256.of(1234).toWord());

    assertThat(LogDecoder.decode(log))
        .contains(
            new ChainEvent.TokenDeposited(
                new EventOrigin(word(5), 7, 42, word(6)), CHANNEL, TOKEN, BOB, Uint256.of(1234)));
  }

  @Test
  void aLogFlaggedRemovedIsIgnored() {
    Log log = aliceDeposited(Uint256.of(5).toWord());
    log.setRemoved(true);

    assertThat(LogDecoder.decode(log)).isEmpty();
  }

  @Test
  void aTokensApprovalIsNotAnEvent() {
    String approval = EventTopics.of("TestToken").topic("Approval");
    Log log =
        log(
            TOKEN,
            List.of(approval, Web3jChainLogs.topic(BOB), Web3jChainLogs.topic(CHANNEL)),
            Uint256.of(1).toWord());

    assertThat(LogDecoder.decode(log)).isEmpty();
  }

  @Test
  void shortDataIsReportedWithTheLogsName() {
    Log log = aliceDeposited(new byte[31]);

    assertThatThrownBy(() -> LogDecoder.decode(log))
        .isInstanceOf(MalformedLogException.class)
        .hasMessageContaining("AliceDeposited log " + TX + ":0x7")
        .hasMessageContaining("31 bytes");
  }

  @Test
  void aMissingIndexedTopicIsReported() {
    Log log = log(CHANNEL, List.of(ALICE_DEPOSITED), Uint256.of(5).toWord());

    assertThatThrownBy(() -> LogDecoder.decode(log))
        .isInstanceOf(MalformedLogException.class)
        .hasMessageContaining("AliceDeposited")
        .hasMessageContaining("1 topics, expected 2");
  }

  @Test
  void anAddressWordWithHighBytesSetIsReported() {
    byte[] notAnAddress = new byte[32];
    Arrays.fill(notAnAddress, (byte) 0xff);
    Log log = log(CHANNEL, List.of(ALICE_DEPOSITED, Hex.encode(notAnAddress)), new byte[32]);

    assertThatThrownBy(() -> LogDecoder.decode(log))
        .isInstanceOf(MalformedLogException.class)
        .hasMessageContaining("not an address");
  }

  @Test
  void aStatePointerPastTheDataIsReported() {
    String disputed = EventTopics.of("ChannelMastercopy").topic("ChannelDisputed");
    byte[] data = new byte[7 * 32];
    data[63] = (byte) 0xe0; // the state "starts" at byte 224, which is the data's end

    assertThatThrownBy(() -> LogDecoder.decode(log(CHANNEL, List.of(disputed), data)))
        .isInstanceOf(MalformedLogException.class)
        .hasMessageContaining("ChannelDisputed")
        .hasMessageContaining("past the data's end");
  }

  @Test
  void aPendingLogIsRefused() {
    Log log = aliceDeposited(Uint256.of(5).toWord());
    log.setBlockNumber(null);

    assertThatThrownBy(() -> LogDecoder.decode(log))
        .isInstanceOf(MalformedLogException.class)
        .hasMessageContaining("pending");
  }

  private static Log aliceDeposited(byte[] data) {
    return log(CHANNEL, List.of(ALICE_DEPOSITED, Web3jChainLogs.topic(TOKEN)), data);
  }

  private static Log log(Address emitter, List<String> topics, byte[] data) {
    return new Log(
        false, "0x7", "0x0", TX, BLOCK, "0x2a", emitter.toString(), Hex.encode(data), null, topics);
  }

  private static Address address(int seed) {
    byte[] b = new byte[20];
    Arrays.fill(b, (byte) seed);
    return Address.of(b);
  }

  private static Bytes32 word(int seed) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) seed);
    return Bytes32.of(b);
  }
}
