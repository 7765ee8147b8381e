package dev.tollgate.functions.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.crypto.Secp256k1Signatures;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;

/** {@code ./tollgate wrap-key} in this process, against moto's KMS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrapKeyCommandTest {
  /**
   * The encryption context KmsWrappedKeySigner binds into its ciphertexts, written out here so the
   * test can decrypt the key itself and look for it in the output.
   */
  private static final Map<String, String> SIGNING_KEY_CONTEXT =
      Map.of("tollgate:purpose", "secp256k1-signing-key");

  private MotoKms moto;
  private String wrappingKeyId;

  @BeforeAll
  void startKms() {
    moto = MotoKms.start();
    wrappingKeyId = moto.wrappingKey().keyId();
  }

  @AfterAll
  void stopKms() {
    if (moto != null) {
      moto.close();
    }
  }

  private CommandResult run(CommandResult.Main main, String... args) {
    List<String> all = new ArrayList<>(List.of("--endpoint", moto.endpoint()));
    all.addAll(List.of(args));
    return CommandResult.run(main, all.toArray(String[]::new));
  }

  private byte[] decryptedKey(byte[] ciphertext) {
    return moto.kms
        .decrypt(
            request ->
                request
                    .keyId(wrappingKeyId)
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(SIGNING_KEY_CONTEXT))
        .plaintext()
        .asByteArray();
  }

  @Test
  void theWrappedKeyUnwrapsToASignerForThePrintedAddress() {
    CommandResult result = run(WrapKey::run, "--wrapping-key-id", wrappingKeyId);

    assertThat(result.status()).as("%s", result).isZero();
    assertThat(result.err()).isEmpty();
    String wrappedKey = result.line("wrapped key");
    String printedAddress = result.line("gateway address");
    assertThat(result.line("wrapping key")).isEqualTo(wrappingKeyId);

    KmsWrappedKeySigner signer =
        KmsWrappedKeySigner.unwrap(moto.kms, wrappingKeyId, Base64.getDecoder().decode(wrappedKey));
    Bytes32 digest = Bytes32.of(randomBytes(32, 7));
    assertThat(
            Secp256k1Signatures.recover(digest, signer.sign(digest)).orElseThrow().toChecksumHex())
        .isEqualTo(printedAddress);

    CommandResult read =
        run(GatewayAddress::run, "--wrapping-key-id", wrappingKeyId, "--wrapped-key", wrappedKey);
    assertThat(read.status()).as("%s", read).isZero();
    assertThat(read.line("gateway address")).isEqualTo(printedAddress);
  }

  @Test
  void printsOneJsonObjectThatGatewayAddressReadsBack() throws Exception {
    ObjectMapper mapper = new ObjectMapper();

    CommandResult result = run(WrapKey::run, "--wrapping-key-id", wrappingKeyId, "--json");

    assertThat(result.status()).as("%s", result).isZero();
    assertThat(result.out().lines()).hasSize(1);
    JsonNode wrapped = mapper.readTree(result.out());
    assertThat(wrapped.fieldNames())
        .toIterable()
        .containsExactly("wrappedKey", "address", "wrappingKeyId");
    assertThat(wrapped.get("wrappingKeyId").asText()).isEqualTo(wrappingKeyId);

    CommandResult read =
        run(
            GatewayAddress::run,
            "--wrapping-key-id",
            wrappingKeyId,
            "--wrapped-key",
            wrapped.get("wrappedKey").asText(),
            "--json");
    assertThat(read.status()).as("%s", read).isZero();
    JsonNode address = mapper.readTree(read.out());
    assertThat(address.fieldNames()).toIterable().containsExactly("address", "wrappingKeyId");
    assertThat(address.get("address").asText()).isEqualTo(wrapped.get("address").asText());
  }

  @Test
  void neverPrintsThePlaintextKey() throws Exception {
    CommandResult lines = run(WrapKey::run, "--wrapping-key-id", wrappingKeyId);
    CommandResult json = run(WrapKey::run, "--wrapping-key-id", wrappingKeyId, "--json");
    String jsonWrappedKey = new ObjectMapper().readTree(json.out()).get("wrappedKey").asText();
    CommandResult read =
        run(
            GatewayAddress::run,
            "--wrapping-key-id",
            wrappingKeyId,
            "--wrapped-key",
            jsonWrappedKey);

    for (var run :
        List.of(
            Map.entry(lines, lines.line("wrapped key")),
            Map.entry(json, jsonWrappedKey),
            Map.entry(read, jsonWrappedKey))) {
      CommandResult result = run.getKey();
      assertThat(result.status()).as("%s", result).isZero();
      byte[] key = decryptedKey(Base64.getDecoder().decode(run.getValue()));
      assertThat(key).hasSize(32);
      String hex = Hex.encode(key).substring(2);
      assertThat(result.out() + result.err())
          .doesNotContainIgnoringCase(hex)
          .doesNotContain(Base64.getEncoder().encodeToString(key));
      assertThat(result.printsKeySizedHex()).as("%s", result).isFalse();
    }
  }

  @Test
  void eachRunMakesANewKey() {
    CommandResult first = run(WrapKey::run, "--wrapping-key-id", wrappingKeyId);
    CommandResult second = run(WrapKey::run, "--wrapping-key-id", wrappingKeyId);

    assertThat(second.line("gateway address")).isNotEqualTo(first.line("gateway address"));
    assertThat(second.line("wrapped key")).isNotEqualTo(first.line("wrapped key"));
  }

  @Test
  void anUnknownWrappingKeyFailsWithKmsReason() {
    String unknown = UUID.randomUUID().toString();

    CommandResult result = run(WrapKey::run, "--wrapping-key-id", unknown);

    assertThat(result.status()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("tollgate wrap-key: KMS refused: NotFoundException: ")
        .contains(unknown)
        .doesNotContain("\tat ");
  }

  @Test
  void aSigningKeyCannotWrap() {
    String signingKey = moto.signingKey().keyId();

    CommandResult result = run(WrapKey::run, "--wrapping-key-id", signingKey);

    assertThat(result.status()).as("%s", result).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "tollgate wrap-key: KMS key "
                + signingKey
                + " is a ECC_SECG_P256K1 SIGN_VERIFY key; a wrapping key must be SYMMETRIC_DEFAULT"
                + " ENCRYPT_DECRYPT\n");
  }

  @Test
  void aMissingWrappingKeyFailsWithStatusTwoBeforeAnyCall() {
    CommandResult result =
        CommandResult.run(WrapKey::run, "--endpoint", MotoKms.deadEndpoint(), "--json");

    assertThat(result.status()).as("%s", result).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "tollgate wrap-key: --wrapping-key-id is missing: it names the symmetric KMS key the"
                + " new signing key is encrypted under\n"
                + "(./tollgate wrap-key --help lists the options)\n");
  }

  @Test
  void anOptionOfTheOtherCommandIsUnknownHere() {
    CommandResult result =
        CommandResult.run(
            WrapKey::run,
            "--endpoint",
            MotoKms.deadEndpoint(),
            "--wrapping-key-id",
            "w",
            "--kms-key-id",
            "k");

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).startsWith("tollgate wrap-key: unknown option --kms-key-id\n");
  }

  @Test
  void helpDescribesTheCommand() {
    CommandResult result = CommandResult.run(WrapKey::run, "--help");

    assertThat(result.status()).isZero();
    assertThat(result.out())
        .startsWith("usage: ./tollgate wrap-key --wrapping-key-id ID")
        .contains("never printed or written");
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
