package dev.tollgate.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Uint256Test {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final String MAX_DECIMAL =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";

  @Test
  void maxIsTwoToThe256MinusOne() {
    assertThat(Uint256.MAX_VALUE).isEqualTo(TWO_256.subtract(BigInteger.ONE));
    assertThat(Uint256.MAX.toDecimal()).isEqualTo(MAX_DECIMAL);
    assertThat(MAX_DECIMAL).hasSize(78);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "1",
        "255",
        "1000000000000000000",
        "57896044618658097711785492504343953926634992332820282019728792003956564819968",
        MAX_DECIMAL
      })
  void decimalRoundTrips(String decimal) {
    Uint256 value = Uint256.parse(decimal);
    assertThat(value.toDecimal()).isEqualTo(decimal);
    assertThat(value.toString()).isEqualTo(decimal);
    assertThat(value.value()).isEqualTo(new BigInteger(decimal));
    assertThat(Uint256.of(new BigInteger(decimal))).isEqualTo(value);
  }

  @Test
  void ofLongMatchesOfBigInteger() {
    assertThat(Uint256.of(42L)).isEqualTo(Uint256.of(BigInteger.valueOf(42)));
    assertThat(Uint256.of(Long.MAX_VALUE).toDecimal()).isEqualTo("9223372036854775807");
    assertThat(Uint256.of(0)).isEqualTo(Uint256.ZERO);
    assertThat(Uint256.of(1)).isEqualTo(Uint256.ONE);
  }

  @Test
  void parseRejectsNegative() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse("-1"))
        .withMessageContaining("digits only")
        .withMessageContaining("-1");
  }

  @Test
  void parseRejectsLeadingPlus() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse("+5"))
        .withMessageContaining("digits only")
        .withMessageContaining("+5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e18", "1E3", "1.5", "1.0", "0x10", "ten", " 1", "1 ", "1_000", "1,000"})
  void parseRejectsAnythingButPlainDecimalDigits(String bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse(bad))
        .withMessageContaining("decimal string of digits only")
        .withMessageContaining(bad);
  }

  @Test
  void parseRejectsTwoToThe256AndNamesTheValue() {
    String tooBig = TWO_256.toString();
    assertThat(tooBig).hasSize(78);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse(tooBig))
        .withMessageContaining("outside the uint256 range")
        .withMessageContaining(tooBig);
  }

  @Test
  void parseRejectsMoreThan78Digits() {
    String tooLong = "1" + "0".repeat(78);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse(tooLong))
        .withMessageContaining("too long (79 digits)");
  }

  @Test
  void parseRejectsEmptyAndNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse(""))
        .withMessageContaining("empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.parse(null))
        .withMessageContaining("empty");
  }

  @Test
  void ofRejectsNegativeAndNamesTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.of(-1L))
        .withMessageContaining("outside the uint256 range: -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.of(BigInteger.valueOf(-12345)))
        .withMessageContaining("-12345");
  }

  @Test
  void ofRejectsTwoToThe256AndNamesTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.of(TWO_256))
        .withMessageContaining("outside the uint256 range: " + TWO_256);
  }

  @Test
  void ofRejectsNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Uint256.of((BigInteger) null))
        .withMessageContaining("missing");
  }

  @Test
  void tryOfIsEmptyOutsideTheRange() {
    assertThat(Uint256.tryOf(BigInteger.valueOf(-1))).isEmpty();
    assertThat(Uint256.tryOf(TWO_256)).isEmpty();
    assertThat(Uint256.tryOf(TWO_256.add(TWO_256))).isEmpty();
  }

  @Test
  void tryOfIsPresentAtTheEdgesOfTheRange() {
    assertThat(Uint256.tryOf(BigInteger.ZERO)).contains(Uint256.ZERO);
    assertThat(Uint256.tryOf(Uint256.MAX_VALUE)).contains(Uint256.MAX);
  }

  @Test
  void fitsExactlyTheUint256Range() {
    assertThat(Uint256.fits(BigInteger.ZERO)).isTrue();
    assertThat(Uint256.fits(Uint256.MAX_VALUE)).isTrue();
    assertThat(Uint256.fits(TWO_256)).isFalse();
    assertThat(Uint256.fits(BigInteger.ONE.negate())).isFalse();
  }

  @Test
  void writeWordOfZeroIsAllZeroBytes() {
    assertThat(word(Uint256.ZERO)).isEqualTo(new byte[32]);
  }

  @Test
  void writeWordOfOneIsBigEndian() {
    byte[] expected = new byte[32];
    expected[31] = 1;
    assertThat(word(Uint256.ONE)).isEqualTo(expected);
  }

  @Test
  void writeWordOfTwoToThe255HasOnlyTheTopBitSet() {
    byte[] expected = new byte[32];
    expected[0] = (byte) 0x80;
    assertThat(word(Uint256.of(BigInteger.ONE.shiftLeft(255)))).isEqualTo(expected);
  }

  @Test
  void writeWordOfMaxIsAllOnes() {
    byte[] expected = new byte[32];
    Arrays.fill(expected, (byte) 0xff);
    assertThat(word(Uint256.MAX)).isEqualTo(expected);
  }

  @Test
  void writeWordOfAMultiByteValue() {
    assertThat(Hex.encode(word(Uint256.of(0x0102030405L))))
        .isEqualTo("0x" + "00".repeat(27) + "0102030405");
  }

  @Test
  void writeWordLeavesBytesOutsideItsWordAlone() {
    byte[] dest = new byte[40];
    Arrays.fill(dest, (byte) 0x5a);
    Arrays.fill(dest, 4, 36, (byte) 0);
    Uint256.MAX.writeWord(dest, 4);
    for (int i = 0; i < 40; i++) {
      byte expected = i < 4 || i >= 36 ? (byte) 0x5a : (byte) 0xff;
      assertThat(dest[i]).as("byte %d", i).isEqualTo(expected);
    }
  }

  @Test
  void comparesNumerically() {
    assertThat(Uint256.of(2)).isGreaterThan(Uint256.ONE);
    assertThat(Uint256.MAX).isGreaterThan(Uint256.of(BigInteger.ONE.shiftLeft(255)));
    assertThat(Uint256.ZERO).isLessThan(Uint256.ONE);
    assertThat(Uint256.parse("10").compareTo(Uint256.of(10))).isZero();
  }

  @Test
  void equalValuesAreEqualWithEqualHashCodes() {
    assertThat(Uint256.parse("1000"))
        .isEqualTo(Uint256.of(1000))
        .hasSameHashCodeAs(Uint256.of(1000));
    assertThat(Uint256.parse("1000")).isNotEqualTo(Uint256.of(1001)).isNotEqualTo("1000");
  }

  @Test
  void isZeroOnlyForZero() {
    assertThat(Uint256.ZERO.isZero()).isTrue();
    assertThat(Uint256.parse("0").isZero()).isTrue();
    assertThat(Uint256.ONE.isZero()).isFalse();
    assertThat(Uint256.MAX.isZero()).isFalse();
  }

  private static byte[] word(Uint256 value) {
    byte[] out = new byte[32];
    value.writeWord(out, 0);
    return out;
  }
}
