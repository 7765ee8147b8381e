package dev.tollgate.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureTest {
  private static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  private static final BigInteger HALF_N = N.shiftRight(1);
  private static final BigInteger R = new BigInteger("1b2c3d4e5f", 16).shiftLeft(200);
  private static final BigInteger S = new BigInteger("0a0b0c0d", 16).shiftLeft(200);

  @Test
  void curveConstantsAreSecp256k1() {
    assertThat(Signature.CURVE_ORDER).isEqualTo(N);
    assertThat(Signature.HALF_CURVE_ORDER)
        .isEqualTo(
            new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16));
  }

  @Test
  void bytesAndHexRoundTrip() {
    byte[] raw = sig(R, S, 27);
    Signature signature = Signature.of(raw);
    assertThat(signature.toArray()).isEqualTo(raw);
    assertThat(signature.toHex()).isEqualTo(Hex.encode(raw)).hasSize(132);
    assertThat(Signature.fromHex(signature.toHex())).isEqualTo(signature);
    assertThat(signature.toString()).isEqualTo(signature.toHex());
  }

  @Test
  void recoveryIdIsVMinus27() {
    assertThat(Signature.of(sig(R, S, 27)).recoveryId()).isZero();
    assertThat(Signature.of(sig(R, S, 28)).recoveryId()).isEqualTo(1);
  }

  @Test
  void compactIsRThenS() {
    byte[] raw = sig(R, S, 28);
    assertThat(Signature.of(raw).compact()).isEqualTo(Arrays.copyOf(raw, 64));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 26, 29, 35, 255})
  void rejectsVOtherThan27Or28AndNamesIt(int v) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(R, S, v)))
        .withMessageContaining("v must be 27 or 28, got " + v);
  }

  @Test
  void rejectsZeroR() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(BigInteger.ZERO, S, 27)))
        .withMessageContaining("r is out of range: 0x0");
  }

  @Test
  void rejectsREqualToTheCurveOrder() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(N, S, 27)))
        .withMessageContaining("r is out of range: 0x" + N.toString(16));
  }

  @Test
  void rejectsRAboveTheCurveOrder() {
    BigInteger allOnes = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(allOnes, S, 28)))
        .withMessageContaining("r is out of range")
        .withMessageContaining(allOnes.toString(16));
  }

  @Test
  void acceptsRJustBelowTheCurveOrderAndROfOne() {
    assertThat(Signature.of(sig(N.subtract(BigInteger.ONE), S, 27)).compact())
        .startsWith(word(N.subtract(BigInteger.ONE)));
    assertThat(Signature.of(sig(BigInteger.ONE, S, 27)).compact()).startsWith(word(BigInteger.ONE));
  }

  @Test
  void rejectsZeroS() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(R, BigInteger.ZERO, 27)))
        .withMessageContaining("s is zero");
  }

  @Test
  void rejectsHighSJustAboveHalfTheOrder() {
    BigInteger highS = HALF_N.add(BigInteger.ONE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(R, highS, 27)))
        .withMessageContaining("high-s")
        .withMessageContaining(highS.toString(16));
  }

  @Test
  void rejectsTheMalleableTwinOfALowSSignature() {
    // (r, n - s) with the other recovery id is the same ECDSA signature, malleated.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(sig(R, N.subtract(S), 28)))
        .withMessageContaining("high-s");
  }

  @Test
  void acceptsLowSUpToExactlyHalfTheOrder() {
    assertThat(Signature.of(sig(R, HALF_N, 27)).compact()).endsWith(word(HALF_N));
    assertThat(Signature.of(sig(R, BigInteger.ONE, 28)).compact()).endsWith(word(BigInteger.ONE));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 64, 66, 130})
  void rejectsWrongLength(int length) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(new byte[length]))
        .withMessageContaining("exactly 65 bytes")
        .withMessageContaining("got " + length);
  }

  @Test
  void rejectsNullBytes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of(null))
        .withMessageContaining("65 bytes")
        .withMessageContaining("got none");
  }

  @Test
  void fromHexRejectsMalformedHex() {
    String noPrefix = Hex.encode(sig(R, S, 27)).substring(2);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.fromHex(noPrefix))
        .withMessageContaining("must start with 0x");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.fromHex(Hex.encode(sig(R, S, 27)) + "0"))
        .withMessageContaining("odd number of digits");
  }

  @Test
  void fromHexAppliesTheSameRangeChecks() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.fromHex(Hex.encode(sig(R, N.subtract(S), 27))))
        .withMessageContaining("high-s");
  }

  @Test
  void fromCompactSetsVFromTheRecoveryId() {
    byte[] rs = Arrays.copyOf(sig(R, S, 27), 64);
    Signature zero = Signature.fromCompact(rs, 0);
    Signature one = Signature.fromCompact(rs, 1);
    assertThat(zero).isEqualTo(Signature.of(sig(R, S, 27)));
    assertThat(one).isEqualTo(Signature.of(sig(R, S, 28)));
    assertThat(zero.toArray()[64]).isEqualTo((byte) 27);
    assertThat(one.toArray()[64]).isEqualTo((byte) 28);
    assertThat(zero.compact()).isEqualTo(rs);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 2, 27})
  void fromCompactRejectsRecoveryIdsOtherThan0Or1(int recoveryId) {
    byte[] rs = Arrays.copyOf(sig(R, S, 27), 64);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.fromCompact(rs, recoveryId))
        .withMessageContaining("recovery id 0 or 1");
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 65})
  void fromCompactRejectsWrongLength(int length) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.fromCompact(new byte[length], 0))
        .withMessageContaining("64 bytes");
  }

  @Test
  void fromCompactRejectsHighS() {
    byte[] rs = Arrays.copyOf(sig(R, N.subtract(S), 27), 64);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.fromCompact(rs, 0))
        .withMessageContaining("high-s");
  }

  @Test
  void ofCopiesTheArrayItIsGiven() {
    byte[] raw = sig(R, S, 27);
    Signature signature = Signature.of(raw);
    raw[0] ^= (byte) 0xff;
    raw[64] = 0;
    assertThat(signature.toArray()).isEqualTo(sig(R, S, 27));
    assertThat(signature.recoveryId()).isZero();
  }

  @Test
  void fromCompactCopiesTheArrayItIsGiven() {
    byte[] rs = Arrays.copyOf(sig(R, S, 27), 64);
    Signature signature = Signature.fromCompact(rs, 1);
    Arrays.fill(rs, (byte) 0);
    assertThat(signature.toArray()).isEqualTo(sig(R, S, 28));
  }

  @Test
  void toArrayAndCompactReturnCopies() {
    Signature signature = Signature.of(sig(R, S, 27));
    byte[] all = signature.toArray();
    byte[] compact = signature.compact();
    Arrays.fill(all, (byte) 0);
    Arrays.fill(compact, (byte) 0);
    assertThat(signature.toArray()).isEqualTo(sig(R, S, 27));
    assertThat(signature.compact()).isEqualTo(Arrays.copyOf(sig(R, S, 27), 64));
  }

  @Test
  void equalityFollowsAllSixtyFiveBytes() {
    Signature a = Signature.of(sig(R, S, 27));
    assertThat(a)
        .isEqualTo(Signature.of(sig(R, S, 27)))
        .hasSameHashCodeAs(Signature.of(sig(R, S, 27)));
    assertThat(a).isNotEqualTo(Signature.of(sig(R, S, 28)));
    assertThat(a).isNotEqualTo(Signature.of(sig(R.add(BigInteger.ONE), S, 27)));
    assertThat(a).isNotEqualTo(Signature.of(sig(R, S.add(BigInteger.ONE), 27)));
  }

  private static byte[] sig(BigInteger r, BigInteger s, int v) {
    byte[] out = new byte[65];
    System.arraycopy(word(r), 0, out, 0, 32);
    System.arraycopy(word(s), 0, out, 32, 32);
    out[64] = (byte) v;
    return out;
  }

  /** Big-endian 32-byte word, computed independently of Uint256. */
  private static byte[] word(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
