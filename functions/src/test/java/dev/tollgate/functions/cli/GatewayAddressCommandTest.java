package dev.tollgate.functions.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Signature;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import dev.tollgate.functions.adapter.kms.WrappedKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** {@code ./tollgate gateway-address} in this process, against moto's KMS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAddressCommandTest {
  private MotoKms moto;

  @BeforeAll
  void startKms() {
    moto = MotoKms.start();
  }

  @AfterAll
  void stopKms() {
    if (moto != null) {
      moto.close();
    }
  }

  private CommandResult gatewayAddress(String... args) {
    List<String> all = new ArrayList<>(List.of("--endpoint", moto.endpoint()));
    all.addAll(List.of(args));
    return CommandResult.run(GatewayAddress::run, all.toArray(String[]::new));
  }

  private static Bytes32 randomDigest(long seed) {
    byte[] digest = new byte[32];
    new Random(seed).nextBytes(digest);
    return Bytes32.of(digest);
  }

  @Test
  void printsTheAddressThatTheKeysSignaturesRecoverTo() {
    String keyId = moto.signingKey().keyId();

    CommandResult result = gatewayAddress("--kms-key-id", keyId);

    assertThat(result.status()).as("%s", result).isZero();
    assertThat(result.err()).isEmpty();
    Bytes32 digest = randomDigest(1);
    Signature signature = new KmsSigner(moto.kms, keyId).sign(digest);
    Address signer = Secp256k1Signatures.recover(digest, signature).orElseThrow();
    assertThat(result.line("gateway address")).isEqualTo(signer.toChecksumHex());
    assertThat(result.line("KMS key")).isEqualTo(keyId);
  }

  @Test
  void printsOneJsonObjectForScriptsAndTakesAKeyArn() throws Exception {
    KeyMetadata key = moto.signingKey();

    CommandResult result = gatewayAddress("--kms-key-id", key.arn(), "--json");

    assertThat(result.status()).as("%s", result).isZero();
    assertThat(result.out().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.fieldNames()).toIterable().containsExactly("address", "kmsKeyId");
    assertThat(json.get("kmsKeyId").asText()).isEqualTo(key.arn());
    Bytes32 digest = randomDigest(2);
    Signature signature = new KmsSigner(moto.kms, key.keyId()).sign(digest);
    assertThat(json.get("address").asText())
        .isEqualTo(Secp256k1Signatures.recover(digest, signature).orElseThrow().toChecksumHex());
  }

  @Test
  void distinctKeysGiveDistinctAddresses() {
    String first =
        gatewayAddress("--kms-key-id", moto.signingKey().keyId()).line("gateway address");
    String second =
        gatewayAddress("--kms-key-id", moto.signingKey().keyId()).line("gateway address");

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void printsTheAddressOfAWrappedKeyButNotTheKey() {
    String wrappingKeyId = moto.wrappingKey().keyId();
    WrappedKey wrapped = KmsWrappedKeySigner.provision(moto.kms, wrappingKeyId, new SecureRandom());

    CommandResult result =
        gatewayAddress(
            "--wrapping-key-id", wrappingKeyId, "--wrapped-key", wrapped.ciphertextBase64());

    assertThat(result.status()).as("%s", result).isZero();
    assertThat(result.line("gateway address")).isEqualTo(wrapped.address().toChecksumHex());
    assertThat(result.line("wrapping key")).isEqualTo(wrappingKeyId);
    assertThat(result.printsKeySizedHex()).as("%s", result).isFalse();
  }

  @Test
  void anUnknownKeyFailsWithKmsReasonAndNoStackTrace() {
    String unknown = UUID.randomUUID().toString();

    CommandResult result = gatewayAddress("--kms-key-id", unknown);

    assertThat(result.status()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("tollgate gateway-address: KMS refused: NotFoundException: ")
        .contains(unknown)
        .doesNotContain("\tat ");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void aSymmetricKeyIsNotASigningKey() {
    String symmetric = moto.wrappingKey().keyId();

    CommandResult result = gatewayAddress("--kms-key-id", symmetric);

    assertThat(result.status()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "tollgate gateway-address: KMS key "
                + symmetric
                + " has key spec SYMMETRIC_DEFAULT; an Ethereum signer needs ECC_SECG_P256K1\n");
  }

  @Test
  void aWrappedKeyUnderAnotherKeyIsRefused() {
    WrappedKey wrapped =
        KmsWrappedKeySigner.provision(moto.kms, moto.wrappingKey().keyId(), new SecureRandom());
    String otherKeyId = moto.wrappingKey().keyId();

    CommandResult result =
        gatewayAddress(
            "--wrapping-key-id", otherKeyId, "--wrapped-key", wrapped.ciphertextBase64());

    assertThat(result.status()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith(
            "tollgate gateway-address: KMS key " + otherKeyId + " could not unwrap the signing key")
        .doesNotContain("\tat ");
  }

  @Test
  void anEndpointThatDoesNotAnswerFailsWithStatusOne() {
    CommandResult result =
        CommandResult.run(
            GatewayAddress::run,
            "--endpoint",
            MotoKms.deadEndpoint(),
            "--kms-key-id",
            UUID.randomUUID().toString());

    assertThat(result.status()).as("%s", result).isEqualTo(1);
    assertThat(result.err())
        .startsWith("tollgate gateway-address: could not call KMS: ")
        .doesNotContain("\tat ");
  }

  /** Against an endpoint where nothing listens: a call to KMS would fail with status 1 instead. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--json | --kms-key-id is missing (or, for a wrapped key, --wrapping-key-id with"
            + " --wrapped-key)",
        "--kms-key-id | --kms-key-id needs a value",
        "--kms-key-id k --json --json | --json is given twice",
        "--kms-key-id k --regoin eu-west-1 | unknown option --regoin",
        "--kms-key-id k --wrapping-key-id w | --kms-key-id and --wrapping-key-id/--wrapped-key name"
            + " different signer modes; give one",
        "--wrapped-key AQID | --wrapping-key-id is missing: it names the KMS key that --wrapped-key"
            + " is encrypted under",
        "--wrapping-key-id w | --wrapped-key is missing: it is the ciphertext that"
            + " --wrapping-key-id decrypts",
        "--wrapping-key-id w --wrapped-key not*base64 | --wrapped-key is not base64 (Illegal"
            + " base64 character 2a)",
      })
  void badArgumentsFailWithStatusTwoNamingTheOption(String line, String message) {
    List<String> args = new ArrayList<>(List.of("--endpoint", MotoKms.deadEndpoint()));
    args.addAll(List.of(line.split(" ")));

    CommandResult result = CommandResult.run(GatewayAddress::run, args.toArray(String[]::new));

    assertThat(result.status()).as("%s", result).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "tollgate gateway-address: "
                + message
                + "\n(./tollgate gateway-address --help lists the options)\n");
  }

  @Test
  void anEndpointMustBeAnHttpUrl() {
    CommandResult result =
        CommandResult.run(GatewayAddress::run, "--endpoint", "localhost:4566", "--kms-key-id", "k");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            "tollgate gateway-address: --endpoint must be an http(s) URL such as"
                + " http://127.0.0.1:5000, got 'localhost:4566'\n");
  }

  @Test
  void helpWinsOverEverythingElseAndGoesToStdout() {
    CommandResult result = CommandResult.run(GatewayAddress::run, "--kye", "--help");

    assertThat(result.status()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("usage: ./tollgate gateway-address --kms-key-id ID")
        .contains("--wrapping-key-id ID", "--wrapped-key BASE64", "--region R", "--endpoint URL");
  }
}
