package dev.tollgate.functions.cli;

import dev.tollgate.core.value.Address;
import dev.tollgate.functions.adapter.kms.KmsSigner;
import dev.tollgate.functions.adapter.kms.KmsWrappedKeySigner;
import java.io.PrintStream;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code ./tollgate gateway-address}: the Ethereum address a deployed gateway signs as, which the
 * operator funds with gas and payers open channels with. Read the way the gateway reads it (through
 * {@link KmsSigner} or {@link KmsWrappedKeySigner}), so a key the gateway would refuse is refused
 * here too.
 */
public final class GatewayAddress implements Command {
  static final String KMS_KEY_ID = "--kms-key-id";
  static final String WRAPPING_KEY_ID = "--wrapping-key-id";
  static final String WRAPPED_KEY = "--wrapped-key";

  private static final String USAGE =
      """
      usage: ./tollgate gateway-address --kms-key-id ID [--region R] [--endpoint URL] [--json]
             ./tollgate gateway-address --wrapping-key-id ID --wrapped-key BASE64
                                        [--region R] [--endpoint URL] [--json]

      Prints the gateway's Ethereum address (EIP-55 checksummed): the account to fund with gas, and
      the one payers open channels with.

        --kms-key-id ID        signer mode kms: the ECC_SECG_P256K1 SIGN_VERIFY key (key id, key
                               ARN, alias name or alias ARN); the address comes from its public key
        --wrapping-key-id ID   signer mode wrapped: the symmetric KMS key the signing key is
                               encrypted under
        --wrapped-key BASE64   signer mode wrapped: the encrypted signing key (the deployment's
                               wrappedKey). It is decrypted in memory; only its address is printed
        --region R             the AWS region (default: AWS_REGION, or the profile's region)
        --endpoint URL         a KMS emulator instead of AWS; placeholder credentials are sent to it
        --json                 print one JSON object instead of lines
        --help                 print this text

      Credentials come from the default chain, as for the AWS CLI (AWS_PROFILE, environment, SSO);
      they need kms:GetPublicKey on the signing key, or kms:Decrypt on the wrapping key.
      Exit status: 0 printed, 1 KMS refused or could not be reached, 2 bad arguments.
      """;

  public static void main(String[] args) {
    CliLogging.toStderr();
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs the command as {@link #main} does, but returns the exit status instead of exiting. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    return CommandRun.run(new GatewayAddress(), args, out, err);
  }

  @Override
  public String name() {
    return "gateway-address";
  }

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of(KMS_KEY_ID, WRAPPING_KEY_ID, WRAPPED_KEY);
  }

  @Override
  public void execute(CommandArguments arguments, PrintStream out) {
    Optional<String> kmsKeyId = arguments.value(KMS_KEY_ID);
    boolean wrapped =
        arguments.value(WRAPPING_KEY_ID).isPresent() || arguments.value(WRAPPED_KEY).isPresent();
    if (kmsKeyId.isPresent() && wrapped) {
      throw new UsageException(
          KMS_KEY_ID
              + " and "
              + WRAPPING_KEY_ID
              + "/"
              + WRAPPED_KEY
              + " name different signer modes; give one");
    }
    if (kmsKeyId.isEmpty() && !wrapped) {
      throw new UsageException(
          KMS_KEY_ID
              + " is missing (or, for a wrapped key, "
              + WRAPPING_KEY_ID
              + " with "
              + WRAPPED_KEY
              + ")");
    }
    boolean json = arguments.isSet(CommandRun.JSON);
    KmsConnection connection = KmsConnection.from(arguments);
    if (kmsKeyId.isPresent()) {
      printKmsKeyAddress(connection, kmsKeyId.get(), out, json);
    } else {
      String wrappingKeyId =
          arguments.required(
              WRAPPING_KEY_ID, "it names the KMS key that " + WRAPPED_KEY + " is encrypted under");
      byte[] ciphertext =
          base64(
              arguments.required(
                  WRAPPED_KEY, "it is the ciphertext that " + WRAPPING_KEY_ID + " decrypts"));
      printWrappedKeyAddress(connection, wrappingKeyId, ciphertext, out, json);
    }
  }

  private static void printKmsKeyAddress(
      KmsConnection connection, String keyId, PrintStream out, boolean json) {
    Address address;
    try (KmsClient kms = connection.open()) {
      address = new KmsSigner(kms, keyId).address();
    }
    new Report()
        .add("gateway address", "address", address.toChecksumHex())
        .add("KMS key", "kmsKeyId", keyId)
        .print(out, json);
  }

  private static void printWrappedKeyAddress(
      KmsConnection connection,
      String wrappingKeyId,
      byte[] ciphertext,
      PrintStream out,
      boolean json) {
    Address address;
    try (KmsClient kms = connection.open()) {
      address = KmsWrappedKeySigner.unwrap(kms, wrappingKeyId, ciphertext).address();
    }
    new Report()
        .add("gateway address", "address", address.toChecksumHex())
        .add("wrapping key", "wrappingKeyId", wrappingKeyId)
        .print(out, json);
  }

  private static byte[] base64(String value) {
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new UsageException(WRAPPED_KEY + " is not base64 (" + e.getMessage() + ")");
    }
  }
}
