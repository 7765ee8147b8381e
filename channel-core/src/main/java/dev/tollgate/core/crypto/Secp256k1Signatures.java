package dev.tollgate.core.crypto;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import fr.acinq.secp256k1.Secp256k1;
import java.util.Optional;

/** Signing and recovery through libsecp256k1's native binding (many times web3j's speed). */
public final class Secp256k1Signatures {
  private static final Secp256k1 NATIVE = Secp256k1.get();

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

  /**
   * RFC 6979 deterministic, low-s. libsecp256k1's plain sign gives no recovery id, so the id is
   * found by recovering once with 0 and comparing to the signer's own key.
   */
  static Signature sign(Bytes32 digest, byte[] privateKey, byte[] uncompressedPublicKey) {
    byte[] msg = digest.toArray();
    byte[] compact = NATIVE.sign(msg, privateKey);
    byte[] recovered = NATIVE.ecdsaRecover(compact, msg, 0);
    int recoveryId = java.util.Arrays.equals(recovered, uncompressedPublicKey) ? 0 : 1;
    return Signature.fromCompact(compact, recoveryId);
  }

  static byte[] publicKey(byte[] privateKey) {
    if (privateKey.length != 32 || !NATIVE.secKeyVerify(privateKey)) {
      throw new IllegalArgumentException("not a valid secp256k1 private key");
    }
    return NATIVE.pubkeyCreate(privateKey);
  }
}
