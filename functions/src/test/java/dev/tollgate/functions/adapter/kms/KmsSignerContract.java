package dev.tollgate.functions.adapter.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.core.value.Uint256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;

/** KmsSigner's scenarios against whichever KMS a subclass starts. */
abstract class KmsSignerContract extends KmsEmulatorTest {
  private String secp256k1KeyId;

  @BeforeAll
  void createSecp256k1Key() {
    secp256k1KeyId = createKey(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
  }

  private static Bytes32 randomDigest(Random random) {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    return Bytes32.of(digest);
  }

  private static BigInteger s(Signature signature) {
    return new BigInteger(1, Arrays.copyOfRange(signature.compact(), 32, 64));
  }

  @Test
  void addressIsTheSignerThatItsSignaturesRecoverTo() {
    KmsSigner signer = new KmsSigner(kms, secp256k1KeyId);
    Bytes32 digest = randomDigest(new Random(1));

    Signature signature = signer.sign(digest);

    assertThat(signer.address()).isNotEqualTo(Address.ZERO);
    assertThat(Secp256k1Signatures.recover(digest, signature)).contains(signer.address());
  }

  @Test
  void distinctKeysHaveDistinctAddresses() {
    KmsSigner first = new KmsSigner(kms, secp256k1KeyId);
    KmsSigner second =
        new KmsSigner(kms, createKey(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY));
    Bytes32 digest = randomDigest(new Random(2));

    assertThat(second.address()).isNotEqualTo(first.address());
    assertThat(Secp256k1Signatures.recover(digest, second.sign(digest))).contains(second.address());
  }

  @Test
  void fiftyRandomDigestsSignToLowSSignaturesThatRecoverToTheKey() {
    InterceptingKmsClient recording = InterceptingKmsClient.recording(kms);
    KmsSigner signer = new KmsSigner(recording, secp256k1KeyId);
    Random random = new Random(50);
    Set<Signature> signatures = new HashSet<>();
    Set<Integer> recoveryIds = new HashSet<>();
    int highSFromKms = 0;

    for (int i = 0; i < 50; i++) {
      Bytes32 digest = randomDigest(random);
      Signature signature = signer.sign(digest);

      assertThat(s(signature)).isLessThanOrEqualTo(Signature.HALF_CURVE_ORDER);
      assertThat(Secp256k1Signatures.recover(digest, signature)).contains(signer.address());
      EcdsaSignature raw = EcdsaSignature.fromDer(recording.rawSignatures().get(i));
      assertThat(signature.compact()).isEqualTo(compact(raw.lowS()));
      if (raw.isHighS()) {
        highSFromKms++;
      }
      signatures.add(signature);
      recoveryIds.add(signature.recoveryId());
    }

    assertThat(signatures).hasSize(50);
    // KMS (like OpenSSL under either emulator) does not normalise s, so the normalisation and both
    // recovery ids were exercised; each assertion fails by chance with probability 2^-49.
    assertThat(highSFromKms).isBetween(1, 49);
    assertThat(recoveryIds).containsExactlyInAnyOrder(0, 1);
  }

  private static byte[] compact(EcdsaSignature signature) {
    byte[] rs = new byte[64];
    Uint256.of(signature.r()).writeWord(rs, 0);
    Uint256.of(signature.s()).writeWord(rs, 32);
    return rs;
  }

  @Test
  void differentDigestsGiveDifferentSignaturesThatDoNotCrossRecover() {
    KmsSigner signer = new KmsSigner(kms, secp256k1KeyId);
    Bytes32 first = randomDigest(new Random(3));
    Bytes32 second = randomDigest(new Random(4));

    Signature firstSignature = signer.sign(first);
    Signature secondSignature = signer.sign(second);

    assertThat(firstSignature).isNotEqualTo(secondSignature);
    assertThat(Secp256k1Signatures.isSignedBy(second, firstSignature, signer.address())).isFalse();
    assertThat(Secp256k1Signatures.isSignedBy(first, secondSignature, signer.address())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ECC_NIST_P256, SIGN_VERIFY",
    "ECC_NIST_P384, SIGN_VERIFY",
    "RSA_2048, SIGN_VERIFY",
    "SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT"
  })
  void refusesAKeyThatIsNotSecp256k1(KeySpec spec, KeyUsageType usage) {
    String keyId = createKey(spec, usage);

    assertThatThrownBy(() -> new KmsSigner(kms, keyId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KMS key "
                + keyId
                + " has key spec "
                + spec
                + "; an Ethereum signer needs ECC_SECG_P256K1");
  }

  @Test
  void refusesAWrongCurveFromThePublicKeyItselfWhenKmsReportsNoKeySpec() {
    String p256 = createKey(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
    KmsClient silentAboutSpec =
        InterceptingKmsClient.rewritingPublicKeys(
            kms,
            response ->
                response.toBuilder()
                    .keySpec((String) null)
                    .customerMasterKeySpec((String) null)
                    .build());

    assertThatThrownBy(() -> new KmsSigner(silentAboutSpec, p256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KMS key "
                + p256
                + " does not hold a usable secp256k1 public key: DER SubjectPublicKeyInfo: curve"
                + " is 1.2.840.10045.3.1.7 (NIST P-256), expected 1.3.132.0.10 (secp256k1)");
  }

  @Test
  void detectsAKmsThatHashesTheDigestAgain() {
    // What stock moto (and web3j's KMS signer) do: sign SHA-256(digest) instead of the digest.
    KmsClient rehashing =
        InterceptingKmsClient.rewritingSignRequests(
            kms, request -> request.toBuilder().messageType(MessageType.RAW).build());
    KmsSigner signer = new KmsSigner(rehashing, secp256k1KeyId);
    Bytes32 digest = randomDigest(new Random(5));

    assertThatThrownBy(() -> signer.sign(digest))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "KMS key "
                + secp256k1KeyId
                + " signed digest "
                + digest
                + " but with neither recovery id does the signature recover to its address "
                + signer.address()
                + "; the endpoint probably hashed the digest again (ignoring MessageType DIGEST)");
  }

  @Test
  void refusesASignatureFromAnotherKey() {
    String otherKey = createKey(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
    KmsClient swapping =
        InterceptingKmsClient.rewritingSignRequests(
            kms, request -> request.toBuilder().keyId(otherKey).build());
    KmsSigner signer = new KmsSigner(swapping, secp256k1KeyId);

    assertThatThrownBy(() -> signer.sign(randomDigest(new Random(6))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("with neither recovery id does the signature recover to its address");
  }

  @Test
  void refusesAnUnparseableSignatureNamingTheKeyAndTheFault() {
    KmsClient garbling =
        InterceptingKmsClient.rewritingSignResponses(
            kms,
            response ->
                response.toBuilder()
                    .signature(SdkBytes.fromByteArray(new byte[] {0x31, 0}))
                    .build());
    KmsSigner signer = new KmsSigner(garbling, secp256k1KeyId);

    assertThatThrownBy(() -> signer.sign(randomDigest(new Random(7))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "KMS key "
                + secp256k1KeyId
                + " returned an unusable signature: DER ECDSA signature: expected SEQUENCE"
                + " (tag 0x30) at offset 0, found tag 0x31");
  }

  @Test
  void acceptsAnAliasAndNeverPrintsMoreThanKeyAndAddress() {
    String alias = "alias/tollgate-test-signer";
    kms.createAlias(request -> request.aliasName(alias).targetKeyId(secp256k1KeyId));
    KmsSigner byAlias = new KmsSigner(kms, alias);
    Bytes32 digest = randomDigest(new Random(8));

    assertThat(byAlias.address()).isEqualTo(new KmsSigner(kms, secp256k1KeyId).address());
    assertThat(Secp256k1Signatures.recover(digest, byAlias.sign(digest)))
        .contains(byAlias.address());
    assertThat(byAlias).hasToString("KmsSigner[" + alias + ", " + byAlias.address() + "]");
  }

  @Test
  void refusesABlankKeyId() {
    assertThatThrownBy(() -> new KmsSigner(kms, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KMS key id is missing or blank: ' '");
  }
}
