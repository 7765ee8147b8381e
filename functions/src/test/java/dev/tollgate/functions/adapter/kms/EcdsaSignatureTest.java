package dev.tollgate.functions.adapter.kms;

import static dev.tollgate.functions.adapter.kms.Der.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.hash.Keccak;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EcdsaSignatureTest {
  private static final BigInteger N = Signature.CURVE_ORDER;
  private static final LocalKeySigner KNOWN_KEY =
      LocalKeySigner.fromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

  private static Bytes32 digest(String text) {
    return Bytes32.of(Keccak.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static BigInteger r(Signature signature) {
    return new BigInteger(1, Arrays.copyOfRange(signature.compact(), 0, 32));
  }

  private static BigInteger s(Signature signature) {
    return new BigInteger(1, Arrays.copyOfRange(signature.compact(), 32, 64));
  }

  @Test
  void highSDerIsNormalisedBackToTheOriginalLowSSignatureWithItsRecoveryId() {
    Set<Integer> recoveryIds = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      Bytes32 digest = digest("high-s " + i);
      Signature original = KNOWN_KEY.sign(digest);
      byte[] highSDer = Der.signature(r(original), N.subtract(s(original)));

      EcdsaSignature parsed = EcdsaSignature.fromDer(highSDer);

      assertThat(parsed.isHighS()).isTrue();
      assertThat(parsed.lowS()).isEqualTo(new EcdsaSignature(r(original), s(original)));
      assertThat(parsed.recoverableBy(digest, KNOWN_KEY.address())).contains(original);
      recoveryIds.add(original.recoveryId());
    }
    // Both branches of the recovery-id search were taken.
    assertThat(recoveryIds).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void lowSDerIsKeptAsIs() {
    Bytes32 digest = digest("low-s");
    Signature original = KNOWN_KEY.sign(digest);

    EcdsaSignature parsed = EcdsaSignature.fromDer(Der.signature(r(original), s(original)));

    assertThat(parsed.isHighS()).isFalse();
    assertThat(parsed.lowS()).isSameAs(parsed);
    assertThat(parsed.recoverableBy(digest, KNOWN_KEY.address())).contains(original);
  }

  @Test
  void aSignatureRecoversToNobodyElseAndOverNoOtherDigest() {
    Bytes32 digest = digest("someone");
    Signature original = KNOWN_KEY.sign(digest);
    EcdsaSignature parsed = EcdsaSignature.fromDer(Der.signature(r(original), s(original)));
    Address stranger = LocalKeySigner.fromHex("0x" + "11".repeat(32)).address();

    assertThat(parsed.recoverableBy(digest, stranger)).isEmpty();
    assertThat(parsed.recoverableBy(digest("another digest"), KNOWN_KEY.address())).isEmpty();
  }

  @Test
  void acceptsIntegersThatNeedASignPaddingByte() {
    BigInteger r = BigInteger.ONE.shiftLeft(255); // top bit set: DER needs a leading 0x00
    BigInteger s = BigInteger.valueOf(0x7f); // one byte, top bit clear

    EcdsaSignature parsed = EcdsaSignature.fromDer(Der.signature(r, s));

    assertThat(parsed).isEqualTo(new EcdsaSignature(r, s));
  }

  static Stream<Arguments> malformed() {
    byte[] good =
        Der.signature(BigInteger.valueOf(5), BigInteger.valueOf(7)); // 30 06 02 01 05 02 01 07
    return Stream.of(
        Arguments.of("empty", new byte[0], "DER ECDSA signature is empty"),
        Arguments.of(
            "wrong outer tag",
            bytes(0x31, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07),
            "expected SEQUENCE (tag 0x30) at offset 0, found tag 0x31"),
        Arguments.of(
            "truncated",
            Arrays.copyOf(good, good.length - 1),
            "SEQUENCE at offset 0 claims 6 content bytes but only 5 remain"),
        Arguments.of(
            "trailing byte",
            Arrays.copyOf(good, good.length + 1),
            "1 unexpected trailing bytes after the SEQUENCE"),
        Arguments.of(
            "third integer",
            Der.sequence(
                Der.integer(BigInteger.ONE),
                Der.integer(BigInteger.ONE),
                Der.integer(BigInteger.ONE)),
            "3 unexpected trailing bytes after r and s"),
        Arguments.of(
            "no s",
            Der.sequence(Der.integer(BigInteger.ONE)),
            "expected INTEGER s at offset 5 but the input ended"),
        Arguments.of(
            "s is not an INTEGER",
            Der.sequence(Der.integer(BigInteger.ONE), Der.tlv(0x04, bytes(0x07))),
            "expected INTEGER s (tag 0x02) at offset 5, found tag 0x04"),
        Arguments.of(
            "negative r",
            bytes(0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x07),
            "INTEGER r at offset 2 is negative"),
        Arguments.of(
            "padded r",
            bytes(0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x07),
            "INTEGER r at offset 2 has a superfluous leading zero byte"),
        Arguments.of(
            "empty r",
            bytes(0x30, 0x05, 0x02, 0x00, 0x02, 0x01, 0x07),
            "INTEGER r at offset 2 has no content bytes"),
        Arguments.of(
            "indefinite length",
            bytes(0x30, 0x80, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x00, 0x00),
            "SEQUENCE uses an indefinite length, which DER forbids"),
        Arguments.of(
            "long form for a short length",
            bytes(0x30, 0x81, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07),
            "SEQUENCE uses the long length form for 6, which DER forbids"),
        Arguments.of(
            "length padded with zero",
            bytes(0x30, 0x82, 0x00, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07),
            "SEQUENCE has a length padded with a leading zero byte"),
        Arguments.of(
            "absurd length",
            bytes(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff),
            "SEQUENCE claims a length of 4 bytes, too long for a key or signature"),
        Arguments.of(
            "r is zero",
            Der.signature(BigInteger.ZERO, BigInteger.ONE),
            "r must be in [1, n-1], got 0x0"),
        Arguments.of(
            "s is the curve order",
            Der.signature(BigInteger.ONE, N),
            "s must be in [1, n-1], got 0x" + N.toString(16)),
        Arguments.of(
            "r above the curve order",
            Der.signature(N.add(BigInteger.ONE), BigInteger.ONE),
            "r must be in [1, n-1], got 0x" + N.add(BigInteger.ONE).toString(16)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesMalformedDerNamingTheProblem(String name, byte[] der, String expectedMessage) {
    assertThatThrownBy(() -> EcdsaSignature.fromDer(der))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DER ECDSA signature")
        .hasMessageContaining(expectedMessage);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> EcdsaSignature.fromDer(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DER ECDSA signature is empty");
  }
}
