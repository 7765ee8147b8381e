package dev.tollgate.functions.adapter.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.functions.harness.Emulated;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The test KMS behaves like real KMS where KmsSigner depends on it: DIGEST messages are signed as
 * they are, RAW ones are hashed first. Stock moto hashes both, which the first test would catch.
 */
class MotoKmsLauncherTest extends KmsEmulatorTest {
  private String keyId;
  private Address address;

  @Override
  Emulated<KmsClient> startKms() {
    return moto();
  }

  @BeforeAll
  void createSigningKey() {
    keyId = createKey(KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
    address = new KmsSigner(kms, keyId).address();
  }

  private EcdsaSignature kmsSign(byte[] message, MessageType type) {
    byte[] der =
        kms.sign(
                request ->
                    request
                        .keyId(keyId)
                        .message(SdkBytes.fromByteArray(message))
                        .messageType(type)
                        .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
            .signature()
            .asByteArray();
    return EcdsaSignature.fromDer(der);
  }

  private static Bytes32 sha256(Bytes32 value) throws NoSuchAlgorithmException {
    return Bytes32.of(MessageDigest.getInstance("SHA-256").digest(value.toArray()));
  }

  @Test
  void aDigestMessageIsSignedAsItIs() throws Exception {
    Bytes32 digest = Bytes32.fromHex("0x" + "ab".repeat(32));

    EcdsaSignature signature = kmsSign(digest.toArray(), MessageType.DIGEST);

    assertThat(signature.recoverableBy(digest, address)).isPresent();
    assertThat(signature.recoverableBy(sha256(digest), address)).isEmpty();
  }

  @Test
  void aRawMessageIsStillHashedWithSha256() throws Exception {
    Bytes32 message = Bytes32.fromHex("0x" + "ab".repeat(32));

    EcdsaSignature signature = kmsSign(message.toArray(), MessageType.RAW);

    assertThat(signature.recoverableBy(sha256(message), address)).isPresent();
    assertThat(signature.recoverableBy(message, address)).isEmpty();
  }

  @Test
  void aDigestOfTheWrongLengthIsRefusedAsKmsRefusesIt() {
    assertThatThrownBy(() -> kmsSign(new byte[31], MessageType.DIGEST))
        .isInstanceOf(KmsException.class)
        .hasMessageContaining("Digest is invalid length for algorithm ECDSA_SHA_256");
  }

  @Test
  void closeStopsTheServerAndFreesItsPort() throws Exception {
    MotoKmsServer second = MotoKmsServer.start();
    assertThat(second.isRunning()).isTrue();

    second.close();

    assertThat(second.isRunning()).isFalse();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(second.endpoint().resolve("/moto-api/data.json")).build();
    assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
  }
}
