package dev.tollgate.functions.adapter.kms;

import dev.tollgate.core.value.Address;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the X.509 SubjectPublicKeyInfo that KMS GetPublicKey returns, accepting only an
 * uncompressed secp256k1 point: the one key shape an Ethereum address can be derived from.
 */
final class SubjectPublicKeyInfo {
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String SECP256K1 = "1.3.132.0.10";

  // Names for the identifiers a misconfigured KMS key is likely to carry, so errors say "P-256".
  private static final Map<String, String> KNOWN_NAMES =
      Map.of(
          EC_PUBLIC_KEY,
          "ecPublicKey",
          SECP256K1,
          "secp256k1",
          "1.2.840.10045.3.1.7",
          "NIST P-256",
          "1.3.132.0.34",
          "NIST P-384",
          "1.3.132.0.35",
          "NIST P-521",
          "1.2.840.113549.1.1.1",
          "rsaEncryption",
          "1.2.156.10197.1.301",
          "SM2");

  private static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
  private static final BigInteger SEVEN = BigInteger.valueOf(7);
  private static final String WHAT = "DER SubjectPublicKeyInfo";

  private SubjectPublicKeyInfo() {}

  /** The Ethereum address of the secp256k1 key in {@code der}. */
  static Address secp256k1Address(byte[] der) {
    DerReader outer = DerReader.of(der, WHAT);
    DerReader info = outer.element(DerReader.SEQUENCE, "SEQUENCE");
    outer.requireEnd("the SEQUENCE");

    DerReader algorithm = info.element(DerReader.SEQUENCE, "AlgorithmIdentifier");
    String algorithmOid = algorithm.objectIdentifier("algorithm OBJECT IDENTIFIER");
    if (!EC_PUBLIC_KEY.equals(algorithmOid)) {
      throw new IllegalArgumentException(
          WHAT + ": not an elliptic-curve key, algorithm is " + describe(algorithmOid));
    }
    String curveOid = algorithm.objectIdentifier("named curve OBJECT IDENTIFIER");
    if (!SECP256K1.equals(curveOid)) {
      throw new IllegalArgumentException(
          WHAT + ": curve is " + describe(curveOid) + ", expected " + describe(SECP256K1));
    }
    algorithm.requireEnd("the curve identifier");

    byte[] point = info.bitString("subjectPublicKey BIT STRING");
    info.requireEnd("the public key");
    requireUncompressedPointOnCurve(point);
    return Address.fromPublicKey(point, 1);
  }

  private static void requireUncompressedPointOnCurve(byte[] point) {
    if (point.length != 65 || point[0] != 0x04) {
      throw new IllegalArgumentException(
          String.format(
              "%s: public key must be an uncompressed point (65 bytes starting 0x04), got %d"
                  + " bytes starting 0x%02x",
              WHAT, point.length, point.length == 0 ? 0 : point[0] & 0xff));
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
    // An off-curve point still hashes to an address, one that no private key controls.
    boolean onCurve =
        x.compareTo(P) < 0
            && y.compareTo(P) < 0
            && y.multiply(y).mod(P).equals(x.pow(3).add(SEVEN).mod(P));
    if (!onCurve) {
      throw new IllegalArgumentException(
          WHAT + ": public key point is not on secp256k1 (x = 0x" + x.toString(16) + ")");
    }
  }

  private static String describe(String oid) {
    String name = KNOWN_NAMES.get(oid);
    return name == null ? oid : oid + " (" + name + ")";
  }
}
