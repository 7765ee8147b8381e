package dev.tollgate.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Bytes32Test {
  private static final String HEX =
      "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @Test
  void hexRoundTrips() {
    assertThat(Bytes32.fromHex(HEX).toHex()).isEqualTo(HEX);
    assertThat(Bytes32.fromHex(HEX).toString()).isEqualTo(HEX);
  }

  @Test
  void randomValuesRoundTripThroughBytesAndHex() {
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      Bytes32 value = Bytes32.of(bytes);
      assertThat(value.toArray()).isEqualTo(bytes);
      assertThat(Bytes32.fromHex(value.toHex())).isEqualTo(value);
    }
  }

  @Test
  void uppercaseHexParsesToTheSameValueAndPrintsLowercase() {
    Bytes32 upper = Bytes32.fromHex("0x" + HEX.substring(2).toUpperCase(java.util.Locale.ROOT));
    assertThat(upper).isEqualTo(Bytes32.fromHex(HEX));
    assertThat(upper.toHex()).isEqualTo(HEX);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void fromHexRejectsWrongByteCountAndNamesTheDigitCount(int byteCount) {
    String hex = "0x" + "ab".repeat(byteCount);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Bytes32.fromHex(hex))
        .withMessageContaining("needs 64 hex digits, got " + byteCount * 2);
  }

  @Test
  void fromHexRejectsMissingPrefix() {
    String noPrefix = HEX.substring(2);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Bytes32.fromHex(noPrefix))
        .withMessageContaining("must start with 0x")
        .withMessageContaining(noPrefix.substring(0, 20));
  }

  @Test
  void fromHexRejectsOddDigits() {
    String odd = HEX + "f";
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Bytes32.fromHex(odd))
        .withMessageContaining("odd number of digits (65)");
  }

  @Test
  void fromHexRejectsNonHexCharacters() {
    String bad = HEX.substring(0, 65) + "x";
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Bytes32.fromHex(bad))
        .withMessageContaining("non-hex character")
        .withMessageContaining("position 64");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 20, 31, 33})
  void ofRejectsWrongLength(int length) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Bytes32.of(new byte[length]))
        .withMessageContaining("exactly 32 bytes, got " + length);
  }

  @Test
  void ofRejectsNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Bytes32.of(null))
        .withMessageContaining("32 bytes, got none");
  }

  @Test
  void ofCopiesTheArrayItIsGiven() {
    byte[] bytes = Hex.decode(HEX);
    Bytes32 value = Bytes32.of(bytes);
    bytes[5] ^= (byte) 0xff;
    assertThat(value.toHex()).isEqualTo(HEX);
  }

  @Test
  void toArrayReturnsACopy() {
    Bytes32 value = Bytes32.fromHex(HEX);
    byte[] out = value.toArray();
    Arrays.fill(out, (byte) 0);
    assertThat(value.toHex()).isEqualTo(HEX);
    assertThat(value.isZero()).isFalse();
  }

  @Test
  void copyToWritesTheWordAtTheOffsetOnly() {
    byte[] dest = new byte[36];
    Arrays.fill(dest, (byte) 0x5a);
    Bytes32.fromHex(HEX).copyTo(dest, 2);
    assertThat(Arrays.copyOfRange(dest, 2, 34)).isEqualTo(Hex.decode(HEX));
    assertThat(new byte[] {dest[0], dest[1], dest[34], dest[35]}).containsOnly((byte) 0x5a);
  }

  @Test
  void isZeroOnlyForAllZeroBytes() {
    assertThat(Bytes32.ZERO.isZero()).isTrue();
    assertThat(Bytes32.of(new byte[32])).isEqualTo(Bytes32.ZERO);
    byte[] lastBitSet = new byte[32];
    lastBitSet[31] = 1;
    assertThat(Bytes32.of(lastBitSet).isZero()).isFalse();
    byte[] firstBitSet = new byte[32];
    firstBitSet[0] = (byte) 0x80;
    assertThat(Bytes32.of(firstBitSet).isZero()).isFalse();
  }

  @Test
  void equalValuesAreEqualWithEqualHashCodes() {
    Bytes32 a = Bytes32.fromHex(HEX);
    Bytes32 b = Bytes32.of(Hex.decode(HEX));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.compareTo(b)).isZero();
    assertThat(a).isNotEqualTo(Bytes32.ZERO).isNotEqualTo(HEX);
  }

  @Test
  void comparesUnsignedBigEndian() {
    Bytes32 high = Bytes32.fromHex("0x80" + "00".repeat(31));
    Bytes32 low = Bytes32.fromHex("0x7f" + "ff".repeat(31));
    assertThat(high).isGreaterThan(low);
    assertThat(low).isLessThan(high);
    assertThat(Bytes32.fromHex("0x" + "ff".repeat(32))).isGreaterThan(high);
    assertThat(Bytes32.ZERO).isLessThan(low);
  }

  @Test
  void laterBytesBreakTiesUnsigned() {
    Bytes32 a = Bytes32.fromHex("0x" + "00".repeat(31) + "7f");
    Bytes32 b = Bytes32.fromHex("0x" + "00".repeat(31) + "80");
    assertThat(a).isLessThan(b);
  }
}
