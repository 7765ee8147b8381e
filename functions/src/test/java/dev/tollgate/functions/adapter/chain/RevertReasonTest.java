package dev.tollgate.functions.adapter.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevertReasonTest {
  // abi.encodeWithSignature("Error(string)", "ChannelAdjudicator: INVALID_NONCE")
  private static final String ERROR_DATA =
      "0x08c379a0"
          + "0000000000000000000000000000000000000000000000000000000000000020"
          + "0000000000000000000000000000000000000000000000000000000000000021"
          + "4368616e6e656c41646a7564696361746f723a20494e56414c49445f4e4f4e43"
          + "4500000000000000000000000000000000000000000000000000000000000000";

  @Test
  void anErrorStringIsDecodedFromTheRevertData() {
    assertThat(RevertReason.of(ERROR_DATA, "execution reverted: something else"))
        .isEqualTo("ChannelAdjudicator: INVALID_NONCE");
    assertThat(RevertReason.of("\"" + ERROR_DATA + "\"", null))
        .isEqualTo("ChannelAdjudicator: INVALID_NONCE");
  }

  @Test
  void aPanicIsNamedByItsCode() {
    assertThat(RevertReason.of("0x4e487b71" + "0".repeat(62) + "11", "execution reverted"))
        .isEqualTo("Panic(0x11)");
  }

  @Test
  void withoutDecodableDataTheNodesMessageIsTheReason() {
    assertThat(RevertReason.of(null, "execution reverted: LibChannelCrypto: HIGH_S_SIGNATURE"))
        .isEqualTo("LibChannelCrypto: HIGH_S_SIGNATURE");
    assertThat(RevertReason.of("0x08c379a0ff", "execution reverted: cut short"))
        .isEqualTo("cut short");
    assertThat(RevertReason.of("0xdeadbeef", "execution reverted"))
        .isEqualTo("execution reverted (revert data 0xdeadbeef)");
    assertThat(RevertReason.of(null, null)).isEqualTo("no reason given");
  }

  @Test
  void revertsAreToldFromNodeFaults() {
    assertThat(RevertReason.isRevert(3, "execution reverted")).isTrue();
    assertThat(RevertReason.isRevert(-32000, "execution reverted: x")).isTrue();
    assertThat(RevertReason.isRevert(-32000, "insufficient funds for gas")).isFalse();
  }
}
