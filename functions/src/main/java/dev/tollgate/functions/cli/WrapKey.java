package dev.tollgate.functions.cli;

import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import dev.tollgate.functions.adapter.kms.WrappedKey;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * {@code ./tollgate wrap-key}: a new gateway signing key for signer mode {@code wrapped}, drawn
 * here and encrypted under a symmetric KMS key. Prints the ciphertext and the key's address; the
 * key itself is never printed or written (see {@link KmsWrappedKeySigner#provision}).
 */
public final class WrapKey implements Command {
  static final String WRAPPING_KEY_ID = "--wrapping-key-id";
  private static final String SYMMETRIC = KeySpec.SYMMETRIC_DEFAULT.toString();
  private static final String ENCRYPT_DECRYPT = KeyUsageType.ENCRYPT_DECRYPT.toString();

  private static final String USAGE =
      """
      usage: ./tollgate wrap-key --wrapping-key-id ID [--region R] [--endpoint URL] [--json]

      Draws a new gateway signing key, encrypts it under a symmetric KMS key and prints the
      ciphertext (base64: the deployment's wrappedKey) and the key's Ethereum address. The key
      itself is never printed or written anywhere. Each run makes a different key.

        --wrapping-key-id ID   the symmetric (ENCRYPT_DECRYPT) KMS key to encrypt under: key id,
                               key ARN, alias name or alias ARN; the gateway decrypts with it
        --region R             the AWS region (default: AWS_REGION, or the profile's region)
        --endpoint URL         a KMS emulator instead of AWS; placeholder credentials are sent to it
        --json                 print one JSON object instead of lines
        --help                 print this text

      Credentials come from the default chain, as for the AWS CLI (AWS_PROFILE, environment, SSO);
      they need kms:DescribeKey and kms:Encrypt on the wrapping key.
      Exit status: 0 printed, 1 KMS refused or could not be reached, 2 bad arguments.
      """;

  public static void main(String[] args) {
    CliLogging.toStderr();
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs the command as {@link #main} does, but returns the exit status instead of exiting. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return CommandRun.run(new WrapKey(), args, out, err);
  }

  @Override
  public String name() {
    return "wrap-key";
  }

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of(WRAPPING_KEY_ID);
  }

  @Override
  public void execute(CommandArguments arguments, PrintStream out) {
    String wrappingKeyId =
        arguments.required(
            WRAPPING_KEY_ID,
            "it names the symmetric KMS key the new signing key is encrypted under");
    boolean json = arguments.isSet(CommandRun.JSON);
    KmsConnection connection = KmsConnection.from(arguments);
    WrappedKey wrapped;
    try (KmsClient kms = connection.open()) {
      requireSymmetric(kms, wrappingKeyId);
      wrapped = KmsWrappedKeySigner.provision(kms, wrappingKeyId, new SecureRandom());
    }
    new Report()
        .add("wrapped key", "wrappedKey", wrapped.ciphertextBase64())
        .add("gateway address", "address", wrapped.address().toChecksumHex())
        .add("wrapping key", "wrappingKeyId", wrappingKeyId)
        .print(out, json);
    if (!json) {
      out.println();
      out.println(
          "Set the deployment's wrappedKey to the wrapped key above, and fund the gateway address"
              + " with gas.");
    }
  }

  /**
   * AWS would refuse to Encrypt with a signing key anyway, but not every emulator does, and an
   * asymmetric encryption key takes no encryption context; checked first so the reason is plain.
   */
  private static void requireSymmetric(KmsClient kms, String keyId) {
    KeyMetadata key = kms.describeKey(request -> request.keyId(keyId)).keyMetadata();
    String spec =
        key.keySpecAsString() != null ? key.keySpecAsString() : key.customerMasterKeySpecAsString();
    String usage = key.keyUsageAsString();
    if ((spec != null && !SYMMETRIC.equals(spec))
        || (usage != null && !ENCRYPT_DECRYPT.equals(usage))) {
      throw new IllegalArgumentException(
          "KMS key "
              + keyId
              + " is a "
              + spec
              + " "
              + usage
              + " key; a wrapping key must be "
              + SYMMETRIC
              + " "
              + ENCRYPT_DECRYPT);
    }
  }
}
