package dev.tollgate.functions.adapter.kms;

import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Signs locally with a secp256k1 key that is stored encrypted under a KMS symmetric key and
 * decrypted once, at construction. One KMS call per cold start instead of one per signature: the
 * cheaper, faster mode, at the price of the key being in this process's memory.
 */
public final class KmsWrappedKeySigner implements Signer {
  /**
   * Bound into every ciphertext as authenticated data, so a blob encrypted under the same KMS key
   * for another purpose (a database password, say) cannot be passed off as a signing key.
   */
  static final Map<String, String> ENCRYPTION_CONTEXT =
      Map.of("tollgate:purpose", "secp256k1-signing-key");

  private static final int KEY_BYTES = 32;

  // Holds its own copy of the key for the process's lifetime; that copy is the one we cannot wipe.
  private final LocalKeySigner signer;
  private final String wrappingKeyId;

  private KmsWrappedKeySigner(LocalKeySigner signer, String wrappingKeyId) {
    this.signer = signer;
    this.wrappingKeyId = wrappingKeyId;
  }

  /**
   * Decrypts {@code ciphertext} (from {@link #provision}) with the symmetric KMS key {@code
   * wrappingKeyId}. Naming the key makes KMS refuse a ciphertext made under any other key.
   */
  public static KmsWrappedKeySigner unwrap(KmsClient kms, String wrappingKeyId, byte[] ciphertext) {
    Objects.requireNonNull(kms, "kms client is missing");
    requireKeyId(wrappingKeyId);
    if (ciphertext == null || ciphertext.length == 0) {
      throw new IllegalArgumentException("wrapped key ciphertext is missing or empty");
    }
    byte[] plaintext;
    try {
      plaintext =
          kms.decrypt(
                  request ->
                      request
                          .keyId(wrappingKeyId)
                          .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                          .encryptionContext(ENCRYPTION_CONTEXT))
              .plaintext()
              .asByteArrayUnsafe();
    } catch (KmsException e) {
      throw new IllegalArgumentException(
          "KMS key "
              + wrappingKeyId
              + " could not unwrap the signing key ("
              + errorCode(e)
              + "); the ciphertext must come from KmsWrappedKeySigner.provision under that key",
          e);
    }
    try {
      return new KmsWrappedKeySigner(signerFor(plaintext, wrappingKeyId), wrappingKeyId);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private static LocalKeySigner signerFor(byte[] key, String wrappingKeyId) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "the key unwrapped with KMS key "
              + wrappingKeyId
              + " is "
              + key.length
              + " bytes; a secp256k1 private key is "
              + KEY_BYTES);
    }
    try {
      return LocalKeySigner.fromPrivateKey(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the key unwrapped with KMS key "
              + wrappingKeyId
              + " is not a valid secp256k1 private key (zero, or not below the curve order)",
          e);
    }
  }

  /**
   * Creates a new signing key and encrypts it under the symmetric KMS key {@code wrappingKeyId}.
   * The key is drawn here rather than by GenerateDataKey because not every 32-byte string is a
   * secp256k1 key; this way the draw is checked before anything is encrypted.
   */
  public static WrappedKey provision(KmsClient kms, String wrappingKeyId, SecureRandom random) {
    Objects.requireNonNull(kms, "kms client is missing");
    requireKeyId(wrappingKeyId);
    Objects.requireNonNull(random, "random is missing");
    byte[] key = new byte[KEY_BYTES];
    try {
      Address address = drawKey(random, key);
      byte[] ciphertext =
          kms.encrypt(
                  request ->
                      request
                          .keyId(wrappingKeyId)
                          .plaintext(SdkBytes.fromByteArrayUnsafe(key))
                          .encryptionContext(ENCRYPTION_CONTEXT))
              .ciphertextBlob()
              .asByteArray();
      return new WrappedKey(ciphertext, address);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Fills {@code key} with a valid secp256k1 private key and returns its address. */
  private static Address drawKey(SecureRandom random, byte[] key) {
    while (true) {
      random.nextBytes(key);
      try {
        return LocalKeySigner.fromPrivateKey(key).address();
      } catch (IllegalArgumentException zeroOrAboveCurveOrder) {
        // about 1 in 2^128: draw again
      }
    }
  }

  private static void requireKeyId(String keyId) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("KMS key id is missing or blank: '" + keyId + "'");
    }
  }

  private static String errorCode(KmsException e) {
    if (e.awsErrorDetails() == null) {
      return e.getMessage();
    }
    String message = e.awsErrorDetails().errorMessage();
    return e.awsErrorDetails().errorCode() + (message == null ? "" : ": " + message);
  }

  @Override
  public Address address() {
    return signer.address();
  }

  @Override
  public Signature sign(Bytes32 digest) {
    return signer.sign(digest);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "KmsWrappedKeySigner[" + signer.address() + ", wrapped by " + wrappingKeyId + "]";
  }
}
