package dev.tollgate.core.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Two readers of the same bytes must never see different values. */
class StrictJsonTest {

  @Test
  void emptyInputIsRefused() {
    assertThatThrownBy(() -> ChannelJson.parse(""))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ChannelJson.parse("   "))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void trailingContentIsRefused() {
    assertThatThrownBy(() -> ChannelJson.parse("{\"a\":1} garbage"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(() -> ChannelJson.parse("{\"nonce\":1,\"nonce\":2}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void topLevelPathsHaveNoLeadingDot() {
    String transfer =
        "{\"channelAddress\":\"0x0000000000000000000000000000000000000001\","
            + "\"transferId\":\"0x"
            + "00".repeat(32)
            + "\","
            + "\"transferDefinition\":\"0x0000000000000000000000000000000000000002\","
            + "\"initiator\":\"0x0000000000000000000000000000000000000003\","
            + "\"responder\":\"0x0000000000000000000000000000000000000004\","
            + "\"assetId\":\"0x0000000000000000000000000000000000000000\","
            + "\"balance\":{\"amount\":[\"1x\",\"0\"],\"to\":[\"0x0000000000000000000000000000000000000003\",\"0x0000000000000000000000000000000000000004\"]},"
            + "\"transferTimeout\":\"1\",\"initialStateHash\":\"0x"
            + "00".repeat(32)
            + "\"}";
    assertThatThrownBy(() -> ChannelJson.coreTransferState(ChannelJson.parse(transfer), ""))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageStartingWith("balance.amount[0]: ");
  }
}
