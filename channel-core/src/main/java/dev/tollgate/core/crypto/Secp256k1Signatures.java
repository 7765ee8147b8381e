package dev.tollgate.core.crypto;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * secp256k1 through libsecp256k1's native binding (many times web3j's speed).
 *
 * <p>Signing: the binding's own {@code sign} returns no recovery id, and finding it costs a full
 * public-key recovery. Instead the RFC 6979 nonce k is derived here exactly as libsecp256k1 derives
 * it, R = k·G comes from the native constant-time fixed-base multiplication (its y parity is the
 * recovery id), and s = k⁻¹(z + r·d) is computed with both k and d blinded by a secret factor, so
 * the JVM's variable-time arithmetic only ever sees values independent of the key and the nonce.
 */
public final class Secp256k1Signatures {
  private static final Secp256k1 NATIVE = Secp256k1.get();
  private static final BigInteger N = Signature.CURVE_ORDER;

  private Secp256k1Signatures() {}

  /** The signer of {@code digest}, or empty when the signature does not recover to any key. */
  public static Optional<Address> recover(Bytes32 digest, Signature signature) {
    try {
      byte[] pub =
          NATIVE.ecdsaRecover(signature.compact(), digest.toArray(), signature.recoveryId());
      return Optional.of(Address.fromPublicKey(pub, 1));
    } catch (RuntimeException e) {
      // libsecp256k1 reports an unrecoverable signature as an exception.
      return Optional.empty();
    }
  }

  public static boolean isSignedBy(Bytes32 digest, Signature signature, Address expected) {
    return recover(digest, signature).map(expected::equals).orElse(false);
  }

  /** RFC 6979 deterministic, low-s, with its recovery id; identical to libsecp256k1's bytes. */
  static Signature sign(Bytes32 digest, byte[] privateKey, BigInteger d) {
    BigInteger z = new BigInteger(1, digest.toArray()).mod(N);
    Rfc6979Nonces nonces = new Rfc6979Nonces(privateKey, Uint256.of(z).toWord());
    while (true) {
      BigInteger k = new BigInteger(1, nonces.next());
      if (k.signum() == 0 || k.compareTo(N) >= 0) {
        continue;
      }
      byte[] point = NATIVE.pubkeyCreate(Uint256.of(k).toWord()); // 0x04 ‖ x ‖ y
      BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
      if (x.compareTo(N) >= 0) {
        // r = x - n, whose recovery id (2 or 3) a 65-byte v cannot carry; happens with p ≈ 2^-127.
        continue;
      }
      BigInteger r = x;
      int recoveryId = point[64] & 1;
      BigInteger s = blindedS(k, z, r, d, nonces);
      if (r.signum() == 0 || s.signum() == 0) {
        continue;
      }
      if (s.compareTo(Signature.HALF_CURVE_ORDER) > 0) {
        s = N.subtract(s);
        recoveryId ^= 1;
      }
      byte[] rs = new byte[64];
      Uint256.of(r).writeWord(rs, 0);
      Uint256.of(s).writeWord(rs, 32);
      return Signature.fromCompact(rs, recoveryId);
    }
  }

  /** s = (k·b)⁻¹ · (z·b + r·(d·b)) mod n, which equals k⁻¹(z + r·d), for a secret random b. */
  private static BigInteger blindedS(
      BigInteger k, BigInteger z, BigInteger r, BigInteger d, Rfc6979Nonces nonces) {
    BigInteger b;
    do {
      b = new BigInteger(1, nonces.next()).mod(N);
    } while (b.signum() == 0);
    BigInteger kbInverse = k.multiply(b).mod(N).modInverse(N);
    BigInteger db = d.multiply(b).mod(N);
    return kbInverse.multiply(z.multiply(b).add(r.multiply(db))).mod(N);
  }

  static byte[] publicKey(byte[] privateKey) {
    if (privateKey.length != 32 || !NATIVE.secKeyVerify(privateKey)) {
      throw new IllegalArgumentException(
          "not a valid secp256k1 private key ("
              + privateKey.length
              + " bytes; must be 32 bytes, non-zero, below the curve order)");
    }
    return NATIVE.pubkeyCreate(privateKey);
  }

  /** The libsecp256k1 signature for cross-checking: r ‖ s, low-s, no recovery id. */
  static byte[] nativeCompactSignature(Bytes32 digest, byte[] privateKey) {
    return NATIVE.sign(digest.toArray(), privateKey);
  }
}
