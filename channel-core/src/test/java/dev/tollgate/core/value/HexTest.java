package dev.tollgate.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void encodesLowercaseWithPrefix() {
    assertThat(Hex.encode(new byte[] {0x00, 0x0f, (byte) 0xab, (byte) 0xff}))
        .isEqualTo("0x000fabff");
  }

  @Test
  void encodesEmptyArrayAsBarePrefix() {
    assertThat(Hex.encode(new byte[0])).isEqualTo("0x");
    assertThat(Hex.decode("0x")).isEmpty();
  }

  @Test
  void decodeInvertsEncodeForRandomArraysOfEveryLengthUpTo64() {
    Random random = new Random(20240101L);
    for (int length = 0; length <= 64; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      assertThat(Hex.decode(Hex.encode(bytes))).as("length %d", length).isEqualTo(bytes);
    }
  }

  @Test
  void decodesUppercaseDigits() {
    assertThat(Hex.decode("0xABCDEF"))
        .isEqualTo(new byte[] {(byte) 0xab, (byte) 0xcd, (byte) 0xef});
    assertThat(Hex.decode("0xAbCd")).isEqualTo(Hex.decode("0xabcd"));
  }

  @Test
  void rejectsMissingPrefix() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode("abcd"))
        .withMessageContaining("must start with 0x")
        .withMessageContaining("abcd");
  }

  @Test
  void rejectsPrefixWithoutTheX() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode("00abcd"))
        .withMessageContaining("must start with 0x")
        .withMessageContaining("00abcd");
  }

  @Test
  void rejectsNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode(null))
        .withMessageContaining("missing");
  }

  @Test
  void rejectsOddNumberOfDigitsInsteadOfPadding() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode("0xabc"))
        .withMessageContaining("odd number of digits (3)")
        .withMessageContaining("0xabc");
  }

  @Test
  void rejectsNonHexCharacterAndNamesItsPosition() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode("0x00zz"))
        .withMessageContaining("non-hex character")
        .withMessageContaining("position 4")
        .withMessageContaining("0x00zz");
  }

  @Test
  void rejectsNonHexInTheLowNibble() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode("0x0g"))
        .withMessageContaining("non-hex character")
        .withMessageContaining("0x0g");
  }

  @Test
  void rejectsWhitespaceAndSigns() {
    for (String bad : new String[] {"0x 1", "0x-1", "0x+1", "0x1 "}) {
      assertThatIllegalArgumentException()
          .as(bad)
          .isThrownBy(() -> Hex.decode(bad))
          .withMessageContaining("non-hex character");
    }
  }

  @Test
  void abbreviatesHugeInputInErrorMessages() {
    String garbage = "z".repeat(10_000);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Hex.decode(garbage))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).endsWith("..."));
  }

  @Test
  void abbreviateKeepsShortStringsAndCutsLongOnesTo80Characters() {
    String exactly80 = "a".repeat(80);
    assertThat(Hex.abbreviate(exactly80)).isEqualTo(exactly80);
    String longer = "b".repeat(81);
    assertThat(Hex.abbreviate(longer)).hasSize(80).isEqualTo("b".repeat(77) + "...");
  }
}
