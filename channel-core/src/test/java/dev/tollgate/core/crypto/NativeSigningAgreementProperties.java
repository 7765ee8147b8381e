package dev.tollgate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Tollgate derives the nonce and the recovery id itself (to avoid a recovery per signature), so its
 * signatures must equal libsecp256k1's own for any key and digest, and recover to the signer.
 */
class NativeSigningAgreementProperties {

  @Property(tries = 300)
  void signaturesEqualLibsecp256k1AndRecoverToTheSigner(
      @ForAll @Size(32) byte[] key, @ForAll @Size(32) byte[] digestBytes) {
    LocalKeySigner signer;
    try {
      signer = LocalKeySigner.fromPrivateKey(key);
    } catch (IllegalArgumentException notAKey) {
      return; // zero or not below the curve order: not a key, nothing to sign with
    }
    Bytes32 digest = Bytes32.of(digestBytes);

    Signature mine = signer.sign(digest);

    assertThat(Arrays.copyOf(mine.toArray(), 64))
        .isEqualTo(Secp256k1Signatures.nativeCompactSignature(digest, key));
    assertThat(Secp256k1Signatures.recover(digest, mine)).contains(signer.address());
  }
}
