package dev.tollgate.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One canonical spelling per value: anything else is refused, never re-interpreted. */
class StrictInputTest {

  @Test
  void hexRefusesDigitsFromOtherScripts() {
    // ARABIC-INDIC DIGIT ONE and TWO are digits to Character.digit, not to Ethereum.
    assertThatThrownBy(() -> Hex.decode("0x\u0661\u0662"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-hex character");
    assertThatThrownBy(() -> Address.fromHex("0x" + "\u0661".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hexRefusesAnUppercasePrefix() {
    assertThatThrownBy(() -> Hex.decode("0X00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with 0x");
  }

  @Test
  void uintRefusesLeadingZeros() {
    assertThat(Uint256.parse("0")).isEqualTo(Uint256.ZERO);
    assertThatThrownBy(() -> Uint256.parse("007"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leading zeros")
        .hasMessageContaining("007");
  }

  @Test
  void writeWordOverwritesTheWholeWord() {
    byte[] dirty = new byte[32];
    Arrays.fill(dirty, (byte) 0xff);
    Uint256.ONE.writeWord(dirty, 0);
    byte[] expected = new byte[32];
    expected[31] = 1;
    assertThat(dirty).isEqualTo(expected);
  }
}
