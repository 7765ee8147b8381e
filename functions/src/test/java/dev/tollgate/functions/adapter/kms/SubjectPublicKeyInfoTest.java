package dev.tollgate.functions.adapter.kms;

import static dev.tollgate.functions.adapter.kms.Der.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Hex;
import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubjectPublicKeyInfoTest {
  // The private key from web3.js's documentation, whose address is published alongside it.
  private static final String KNOWN_PRIVATE_KEY =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  private static final Address KNOWN_ADDRESS =
      Address.fromHex("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");

  private static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
  private static final byte[] EC_PUBLIC_KEY_OID =
      bytes(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
  private static final byte[] SECP256K1_OID = bytes(0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a);

  private static byte[] uncompressedPoint(String privateKeyHex) {
    return Secp256k1.get().pubkeyCreate(Hex.decode(privateKeyHex)); // 0x04 ‖ x ‖ y
  }

  private static byte[] spki(byte[] point) {
    byte[] bits = new byte[point.length + 1]; // leading 0: no unused bits
    System.arraycopy(point, 0, bits, 1, point.length);
    return Der.sequence(Der.sequence(EC_PUBLIC_KEY_OID, SECP256K1_OID), Der.tlv(0x03, bits));
  }

  @Test
  void derivesTheEthereumAddressOfAKnownKey() {
    byte[] der = spki(uncompressedPoint(KNOWN_PRIVATE_KEY));

    assertThat(der).hasSize(88); // the fixed size of every secp256k1 SPKI KMS returns
    assertThat(SubjectPublicKeyInfo.secp256k1Address(der))
        .isEqualTo(KNOWN_ADDRESS)
        .isEqualTo(LocalKeySigner.fromHex(KNOWN_PRIVATE_KEY).address());
  }

  @Test
  void refusesANistP256KeyNamingItsCurve() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = generator.generateKeyPair().getPublic().getEncoded();

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(der))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DER SubjectPublicKeyInfo: curve is 1.2.840.10045.3.1.7 (NIST P-256),"
                + " expected 1.3.132.0.10 (secp256k1)");
  }

  @Test
  void refusesAnRsaKeyNamingItsAlgorithm() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    byte[] der = generator.generateKeyPair().getPublic().getEncoded();

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(der))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DER SubjectPublicKeyInfo: not an elliptic-curve key,"
                + " algorithm is 1.2.840.113549.1.1.1 (rsaEncryption)");
  }

  @Test
  void refusesACompressedPoint() {
    byte[] point = uncompressedPoint(KNOWN_PRIVATE_KEY);
    byte[] compressed = Arrays.copyOf(point, 33);
    compressed[0] = (byte) (2 + (point[64] & 1));

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(spki(compressed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an uncompressed point")
        .hasMessageContaining("got 33 bytes starting 0x0");
  }

  @Test
  void refusesAPointOffTheCurve() {
    byte[] point = uncompressedPoint(KNOWN_PRIVATE_KEY);
    point[64] ^= 1; // y + 1 or y - 1: no longer a solution of y² = x³ + 7

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(spki(point)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public key point is not on secp256k1 (x = 0x");
  }

  @Test
  void refusesABitStringWithUnusedBits() {
    byte[] der = spki(uncompressedPoint(KNOWN_PRIVATE_KEY));
    der[der.length - 66] = 1; // the BIT STRING's unused-bits byte

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(der))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subjectPublicKey BIT STRING at offset")
        .hasMessageContaining("is not a whole number of bytes");
  }

  @Test
  void refusesTrailingBytesAndTruncation() {
    byte[] der = spki(uncompressedPoint(KNOWN_PRIVATE_KEY));

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(Arrays.copyOf(der, 89)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DER SubjectPublicKeyInfo: 1 unexpected trailing bytes after the SEQUENCE");
    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(Arrays.copyOf(der, 87)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DER SubjectPublicKeyInfo: SEQUENCE at offset 0 claims 86 content bytes but only 85"
                + " remain");
  }

  @Test
  void refusesAnEcKeyWithoutANamedCurve() {
    byte[] point = uncompressedPoint(KNOWN_PRIVATE_KEY);
    byte[] bits = new byte[66];
    System.arraycopy(point, 0, bits, 1, 65);
    byte[] der = Der.sequence(Der.sequence(EC_PUBLIC_KEY_OID), Der.tlv(0x03, bits));

    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(der))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected named curve OBJECT IDENTIFIER at offset")
        .hasMessageContaining("but the input ended");
  }

  @Test
  void pointCoordinatesMustBeBelowTheFieldPrime() {
    // x + p is the same residue as x, so it passes the curve equation; only x is the public key.
    BigInteger x = BigInteger.ONE;
    BigInteger y;
    while (true) {
      BigInteger ySquared = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
      y = ySquared.modPow(P.add(BigInteger.ONE).shiftRight(2), P); // p ≡ 3 (mod 4)
      if (y.multiply(y).mod(P).equals(ySquared)) {
        break;
      }
      x = x.add(BigInteger.ONE);
    }
    byte[] canonical = point(x, y);
    byte[] aliased = point(x.add(P), y);

    assertThat(SubjectPublicKeyInfo.secp256k1Address(spki(canonical))).isNotNull();
    assertThatThrownBy(() -> SubjectPublicKeyInfo.secp256k1Address(spki(aliased)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "public key point is not on secp256k1 (x = 0x" + x.add(P).toString(16));
  }

  private static byte[] point(BigInteger x, BigInteger y) {
    byte[] out = new byte[65];
    out[0] = 0x04;
    byte[] xs = x.toByteArray();
    byte[] ys = y.toByteArray();
    int xLength = Math.min(xs.length, 32);
    int yLength = Math.min(ys.length, 32);
    System.arraycopy(xs, xs.length - xLength, out, 33 - xLength, xLength);
    System.arraycopy(ys, ys.length - yLength, out, 65 - yLength, yLength);
    return out;
  }
}
