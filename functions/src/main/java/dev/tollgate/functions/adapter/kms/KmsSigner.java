package dev.tollgate.functions.adapter.kms;

import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs with an asymmetric KMS key of spec ECC_SECG_P256K1; the private key never leaves KMS.
 *
 * <p>The digest is sent with MessageType DIGEST so KMS signs it as is. (ECDSA_SHA_256 names the
 * hash KMS would apply to a RAW message; with DIGEST it only fixes the expected digest length.)
 * web3j's KMS signer is not used because it sends RAW and so signs SHA-256 of the digest.
 */
public final class KmsSigner implements Signer {
  // Wire names, compared as strings so a spec newer than this SDK is still reported by name.
  private static final String SECP256K1_KEY_SPEC = KeySpec.ECC_SECG_P256_K1.toString();
  private static final String SIGN_VERIFY = KeyUsageType.SIGN_VERIFY.toString();

  private final KmsClient kms;
  private final String keyId;
  private final Address address;

  /**
   * Reads the key's public key once, here, so a wrongly configured key fails at startup rather than
   * on the first payment.
   *
   * @param keyId a key id, key ARN, alias name or alias ARN
   */
  public KmsSigner(KmsClient kms, String keyId) {
    this.kms = Objects.requireNonNull(kms, "kms client is missing");
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("KMS key id is missing or blank: '" + keyId + "'");
    }
    this.keyId = keyId;
    this.address = readAddress(kms, keyId);
  }

  private static Address readAddress(KmsClient kms, String keyId) {
    GetPublicKeyResponse key = kms.getPublicKey(request -> request.keyId(keyId));
    // KeySpec replaced CustomerMasterKeySpec; some endpoints (and emulators) still send only the
    // latter. When neither is present, the curve in the public key itself decides.
    String spec =
        key.keySpecAsString() != null ? key.keySpecAsString() : key.customerMasterKeySpecAsString();
    if (spec != null && !SECP256K1_KEY_SPEC.equals(spec)) {
      throw new IllegalArgumentException(
          "KMS key "
              + keyId
              + " has key spec "
              + spec
              + "; an Ethereum signer needs "
              + SECP256K1_KEY_SPEC);
    }
    String usage = key.keyUsageAsString();
    if (usage != null && !SIGN_VERIFY.equals(usage)) {
      throw new IllegalArgumentException(
          "KMS key " + keyId + " has key usage " + usage + "; a signer needs " + SIGN_VERIFY);
    }
    if (key.publicKey() == null) {
      throw new IllegalArgumentException("KMS key " + keyId + " returned no public key");
    }
    try {
      return SubjectPublicKeyInfo.secp256k1Address(key.publicKey().asByteArrayUnsafe());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "KMS key " + keyId + " does not hold a usable secp256k1 public key: " + e.getMessage(),
          e);
    }
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public Signature sign(Bytes32 digest) {
    Objects.requireNonNull(digest, "digest is missing");
    byte[] der =
        kms.sign(
                request ->
                    request
                        .keyId(keyId)
                        .message(SdkBytes.fromByteArrayUnsafe(digest.toArray()))
                        .messageType(MessageType.DIGEST)
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
            .signature()
            .asByteArrayUnsafe();
    EcdsaSignature signature;
    try {
      signature = EcdsaSignature.fromDer(der);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "KMS key " + keyId + " returned an unusable signature: " + e.getMessage(), e);
    }
    return signature
        .recoverableBy(digest, address)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "KMS key "
                        + keyId
                        + " signed digest "
                        + digest
                        + " but with neither recovery id does the signature recover to its address "
                        + address
                        + "; the endpoint probably hashed the digest again (ignoring MessageType"
                        + " DIGEST)"));
  }

  @Override
  public String toString() {
    return "KmsSigner[" + keyId + ", " + address + "]";
  }
}
