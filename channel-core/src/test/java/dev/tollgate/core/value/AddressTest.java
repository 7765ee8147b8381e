package dev.tollgate.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
  /** The checksummed examples from EIP-55 itself. */
  private static final String[] EIP55_VECTORS = {
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
  };

  private static final String MIXED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

  @Test
  void printsTheEip55ChecksumOfLowercaseInput() {
    for (String checksummed : EIP55_VECTORS) {
      Address a = Address.fromHex(lower(checksummed));
      assertThat(a.toChecksumHex()).isEqualTo(checksummed);
      assertThat(a.toString()).isEqualTo(checksummed);
    }
  }

  @Test
  void acceptsCorrectlyChecksummedInput() {
    for (String checksummed : EIP55_VECTORS) {
      assertThat(Address.fromHex(checksummed).toChecksumHex()).isEqualTo(checksummed);
    }
  }

  @Test
  void acceptsAllUppercaseDigitsWithoutChecksumCheck() {
    String upper = "0x" + MIXED.substring(2).toUpperCase(Locale.ROOT);
    assertThat(Address.fromHex(upper)).isEqualTo(Address.fromHex(MIXED));
    assertThat(Address.fromHex(upper).toString()).isEqualTo(MIXED);
  }

  @Test
  void lowercaseUppercaseAndChecksummedSpellingsAreEqual() {
    Address fromLower = Address.fromHex(lower(MIXED));
    Address fromUpper = Address.fromHex("0x" + MIXED.substring(2).toUpperCase(Locale.ROOT));
    Address fromChecksum = Address.fromHex(MIXED);
    assertThat(fromLower).isEqualTo(fromUpper).isEqualTo(fromChecksum);
    assertThat(fromLower.hashCode()).isEqualTo(fromChecksum.hashCode());
  }

  @Test
  void rejectsMixedCaseWithOneLetterFlippedAndNamesTheExpectedChecksum() {
    String bad = flipCaseAt(MIXED, 3); // 0x5a -> 0x5A
    assertThat(bad).isEqualTo("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.fromHex(bad))
        .withMessageContaining("bad EIP-55 checksum")
        .withMessageContaining(bad)
        .withMessageContaining("expected " + MIXED);
  }

  @Test
  void rejectsEverySingleLetterCaseFlipOfAChecksummedAddress() {
    for (String checksummed : new String[] {EIP55_VECTORS[4], EIP55_VECTORS[5], EIP55_VECTORS[7]}) {
      for (int i = 2; i < 42; i++) {
        if (!Character.isLetter(checksummed.charAt(i))) {
          continue;
        }
        String bad = flipCaseAt(checksummed, i);
        assertThatIllegalArgumentException()
            .as("flip at %d of %s", i, checksummed)
            .isThrownBy(() -> Address.fromHex(bad))
            .withMessageContaining("expected " + checksummed);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", // 39 digits
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0", // 41 digits
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", // 42 digits
        "0x",
        ""
      })
  void rejectsWrongLength(String hex) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.fromHex(hex))
        .withMessageContaining("40 hex digits")
        .withMessageContaining(hex);
  }

  @Test
  void rejectsMissingPrefixEvenAtTheRightLength() {
    String noPrefix = "00" + lower(MIXED).substring(2);
    assertThat(noPrefix).hasSize(42);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.fromHex(noPrefix))
        .withMessageContaining("0x followed by 40 hex digits")
        .withMessageContaining(noPrefix);
  }

  @Test
  void rejectsNonHexDigits() {
    String bad = "0x" + "g".repeat(40);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.fromHex(bad))
        .withMessageContaining("non-hex character")
        .withMessageContaining(bad);
  }

  @Test
  void rejectsNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.fromHex(null))
        .withMessageContaining("missing");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 19, 21, 32})
  void ofRejectsArraysThatAreNot20Bytes(int length) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.of(new byte[length]))
        .withMessageContaining("exactly 20 bytes, got " + length);
  }

  @Test
  void ofRejectsNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Address.of(null))
        .withMessageContaining("20 bytes, got none");
  }

  @Test
  void bytesRoundTripThroughOfAndToArray() {
    byte[] bytes = Hex.decode(lower(MIXED));
    Address a = Address.of(bytes);
    assertThat(a.toArray()).isEqualTo(bytes);
    assertThat(a).isEqualTo(Address.fromHex(MIXED));
  }

  @Test
  void ofCopiesTheArrayItIsGiven() {
    byte[] bytes = Hex.decode(lower(MIXED));
    Address a = Address.of(bytes);
    bytes[0] ^= (byte) 0xff;
    assertThat(a.toString()).isEqualTo(MIXED);
  }

  @Test
  void toArrayReturnsACopy() {
    Address a = Address.fromHex(MIXED);
    byte[] out = a.toArray();
    out[19] ^= (byte) 0xff;
    assertThat(a.toArray()).isEqualTo(Hex.decode(lower(MIXED)));
    assertThat(a.toString()).isEqualTo(MIXED);
  }

  @Test
  void copyToWritesTheTwentyBytesAtTheOffsetOnly() {
    byte[] dest = new byte[24];
    Arrays.fill(dest, (byte) 0x77);
    Address.fromHex(MIXED).copyTo(dest, 2);
    assertThat(Arrays.copyOfRange(dest, 2, 22)).isEqualTo(Hex.decode(lower(MIXED)));
    assertThat(new byte[] {dest[0], dest[1], dest[22], dest[23]}).containsOnly((byte) 0x77);
  }

  @Test
  void zeroIsZeroAndOthersAreNot() {
    assertThat(Address.ZERO.isZero()).isTrue();
    assertThat(Address.fromHex("0x" + "0".repeat(40))).isEqualTo(Address.ZERO);
    assertThat(Address.fromHex("0x" + "0".repeat(39) + "1").isZero()).isFalse();
    assertThat(Address.ZERO.toString()).isEqualTo("0x" + "0".repeat(40));
  }

  @Test
  void comparesUnsignedBigEndian() {
    Address high = Address.fromHex("0x80" + "00".repeat(19));
    Address low = Address.fromHex("0x7f" + "ff".repeat(19));
    assertThat(high).isGreaterThan(low);
    assertThat(low).isLessThan(high);
    assertThat(Address.fromHex("0xff" + "00".repeat(19))).isGreaterThan(high);
    assertThat(Address.ZERO).isLessThan(low);
    assertThat(high.compareTo(Address.fromHex("0x80" + "00".repeat(19)))).isZero();
  }

  @Test
  void lastByteDecidesWhenTheRestIsEqual() {
    Address a = Address.fromHex("0x" + "00".repeat(19) + "01");
    Address b = Address.fromHex("0x" + "00".repeat(19) + "ff");
    assertThat(a).isLessThan(b).isNotEqualTo(b);
  }

  private static String lower(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }

  private static String flipCaseAt(String s, int i) {
    char c = s.charAt(i);
    char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
    return s.substring(0, i) + flipped + s.substring(i + 1);
  }
}
