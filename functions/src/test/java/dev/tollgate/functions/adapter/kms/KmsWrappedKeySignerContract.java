package dev.tollgate.functions.adapter.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.KmsException;

/** KmsWrappedKeySigner's scenarios against whichever KMS a subclass starts. */
abstract class KmsWrappedKeySignerContract extends KmsEmulatorTest {
  private static final String KNOWN_PRIVATE_KEY_HEX =
      "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  private String wrappingKeyId;

  @BeforeAll
  void createWrappingKey() {
    wrappingKeyId = createSymmetricKey();
  }

  private String createSymmetricKey() {
    return kms.createKey(request -> {}).keyMetadata().keyId();
  }

  private byte[] encrypt(byte[] plaintext, Map<String, String> context) {
    return kms.encrypt(
            request ->
                request
                    .keyId(wrappingKeyId)
                    .plaintext(SdkBytes.fromByteArray(plaintext))
                    .encryptionContext(context))
        .ciphertextBlob()
        .asByteArray();
  }

  private static Bytes32 randomDigest(Random random) {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    return Bytes32.of(digest);
  }

  @Test
  void aProvisionedKeyUnwrapsToTheAddressItWasProvisionedFor() {
    WrappedKey wrapped = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());

    KmsWrappedKeySigner signer =
        KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, wrapped.ciphertext());

    assertThat(signer.address()).isEqualTo(wrapped.address());
    Random random = new Random(1);
    for (int i = 0; i < 10; i++) {
      Bytes32 digest = randomDigest(random);
      Signature signature = signer.sign(digest);
      assertThat(Secp256k1Signatures.recover(digest, signature)).contains(wrapped.address());
    }
  }

  @Test
  void eachProvisioningDrawsANewKey() {
    WrappedKey first = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());
    WrappedKey second = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());

    assertThat(second.address()).isNotEqualTo(first.address());
    assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
  }

  @Test
  void signsExactlyAsTheUnwrappedKeyWouldLocally() {
    byte[] key = Hex.decode("0x" + KNOWN_PRIVATE_KEY_HEX);
    LocalKeySigner local = LocalKeySigner.fromPrivateKey(key);
    byte[] ciphertext = encrypt(key, KmsWrappedKeySigner.ENCRYPTION_CONTEXT);

    KmsWrappedKeySigner signer = KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, ciphertext);

    assertThat(signer.address()).isEqualTo(local.address());
    Bytes32 digest = randomDigest(new Random(2));
    assertThat(signer.sign(digest)).isEqualTo(local.sign(digest)); // RFC 6979: deterministic
    assertThat(signer.toString())
        .contains(local.address().toString())
        .contains(wrappingKeyId)
        .doesNotContainIgnoringCase(KNOWN_PRIVATE_KEY_HEX);
  }

  @Test
  void refusesACiphertextMadeUnderAnotherKey() {
    WrappedKey wrapped = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());
    String otherKeyId = createSymmetricKey();

    assertThatThrownBy(() -> KmsWrappedKeySigner.unwrap(kms, otherKeyId, wrapped.ciphertext()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("KMS key " + otherKeyId + " could not unwrap the signing key (")
        .hasMessageEndingWith(
            "); the ciphertext must come from KmsWrappedKeySigner.provision under that key")
        .hasCauseInstanceOf(KmsException.class);
  }

  @Test
  void refusesGarbage() {
    byte[] garbage = new byte[64];
    Arrays.fill(garbage, (byte) 0x5a);

    assertThatThrownBy(() -> KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("KMS key " + wrappingKeyId + " could not unwrap the signing key (")
        .hasCauseInstanceOf(KmsException.class);
  }

  @Test
  void refusesACiphertextEncryptedForAnotherPurpose() {
    byte[] key = Hex.decode("0x" + KNOWN_PRIVATE_KEY_HEX);
    byte[] withoutContext = encrypt(key, Map.of());
    byte[] otherPurpose = encrypt(key, Map.of("tollgate:purpose", "database-password"));

    assertThatThrownBy(() -> KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, withoutContext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("could not unwrap the signing key");
    assertThatThrownBy(() -> KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, otherPurpose))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("could not unwrap the signing key");
  }

  @Test
  void refusesAnUnwrappedKeyOfTheWrongLength() {
    byte[] ciphertext = encrypt(new byte[16], KmsWrappedKeySigner.ENCRYPTION_CONTEXT);

    assertThatThrownBy(() -> KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, ciphertext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the key unwrapped with KMS key "
                + wrappingKeyId
                + " is 16 bytes; a secp256k1 private key is 32");
  }

  @Test
  void refusesAnUnwrappedKeyOutsideTheCurveOrder() {
    byte[] curveOrder = new byte[32];
    byte[] n = Signature.CURVE_ORDER.toByteArray(); // 33 bytes, leading 0x00
    System.arraycopy(n, 1, curveOrder, 0, 32);
    byte[] ciphertext = encrypt(curveOrder, KmsWrappedKeySigner.ENCRYPTION_CONTEXT);

    assertThatThrownBy(() -> KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, ciphertext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the key unwrapped with KMS key "
                + wrappingKeyId
                + " is not a valid secp256k1 private key (zero, or not below the curve order)");
  }

  @Test
  void wrappedKeyPrintsNoCiphertextAndCopiesDefensively() {
    WrappedKey wrapped = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());
    byte[] handedOut = wrapped.ciphertext();
    handedOut[0] ^= 1;

    assertThat(wrapped.ciphertext()).isNotEqualTo(handedOut);
    assertThat(wrapped.toString())
        .isEqualTo(
            "WrappedKey[" + wrapped.address() + ", " + handedOut.length + "-byte ciphertext]");
  }
}
