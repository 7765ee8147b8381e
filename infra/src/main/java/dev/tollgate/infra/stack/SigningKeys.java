package dev.tollgate.infra.stack;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.constructs.Construct;

/**
 * The gateway's keys. The secp256k1 key is the gateway's identity on chain: channels name its
 * address and hold its money, so it outlives the stack (a destroyed key would strand every
 * channel's funds). The symmetric key wraps a local signing key in the {@code wrapped} mode and is
 * kept for the same reason.
 *
 * <p>Their key policies replace CDK's default, which gives {@code kms:*} to the account root and so
 * lets any principal in the account whose IAM policy allows {@code kms:Sign} sign as the gateway.
 * Here only the functions' roles named with {@link #allowSigning}, {@link #allowPublicKey} and
 * {@link #allowUnwrapping} may use a key, each for what it needs; the administrators (the named
 * ones, or else the account's IAM policies) may manage the keys but not sign or decrypt. KMS
 * refuses a key policy that would lock out the principal deploying it, so a deployment cannot leave
 * a key unmanageable.
 */
public final class SigningKeys extends Construct {
  /** Bound into a wrapped key's ciphertext by the functions; a Decrypt grant requires it. */
  public static final String PURPOSE_CONTEXT_KEY = "tollgate:purpose";

  public static final String PURPOSE_CONTEXT_VALUE = "secp256k1-signing-key";

  /**
   * What administering a key takes, written out: no {@code kms:Create*} (it would include {@code
   * kms:CreateGrant}, a way to hand out Sign), no cryptographic operation.
   */
  static final List<String> ADMIN_ACTIONS =
      List.of(
          "kms:DescribeKey",
          "kms:GetKeyPolicy",
          "kms:PutKeyPolicy",
          "kms:GetKeyRotationStatus",
          "kms:EnableKeyRotation",
          "kms:DisableKeyRotation",
          "kms:EnableKey",
          "kms:DisableKey",
          "kms:UpdateKeyDescription",
          "kms:ListKeyPolicies",
          "kms:ListResourceTags",
          "kms:ListGrants",
          "kms:RevokeGrant",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:CreateAlias",
          "kms:UpdateAlias",
          "kms:DeleteAlias",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion");

  private final Key signingKey;
  private final Key wrappingKey;

  /**
   * @param adminArns the IAM roles or users that administer both keys; empty: the account (any
   *     principal its IAM policies allow the administration actions)
   */
  public SigningKeys(Construct scope, String id, List<String> adminArns) {
    super(scope, id);
    List<IPrincipal> admins =
        adminArns.isEmpty()
            ? List.of(new AccountRootPrincipal())
            : adminArns.stream().<IPrincipal>map(ArnPrincipal::new).toList();
    // the operator reads the gateway's address from the public key (./tollgate gateway-address)
    PolicyDocument signingPolicy =
        PolicyDocument.Builder.create()
            .statements(
                List.of(
                    administration(admins),
                    statement("ReadThePublicKey", admins, List.of("kms:GetPublicKey"), Map.of())))
            .build();
    signingKey =
        Key.Builder.create(this, "Signing")
            .description("Tollgate gateway signing key (secp256k1): the gateway's Ethereum address")
            .keySpec(KeySpec.ECC_SECG_P256K1)
            .keyUsage(KeyUsage.SIGN_VERIFY)
            .policy(signingPolicy)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // the operator wraps a new signing key (./tollgate wrap-key): encrypting reveals nothing
    PolicyDocument wrappingPolicy =
        PolicyDocument.Builder.create()
            .statements(
                List.of(
                    administration(admins),
                    statement(
                        "WrapASigningKey",
                        admins,
                        List.of("kms:Encrypt"),
                        Map.of("StringEquals", purposeContext()))))
            .build();
    wrappingKey =
        Key.Builder.create(this, "Wrapping")
            .description("Tollgate key-wrapping key: encrypts the wrapped-mode signing key")
            .keySpec(KeySpec.SYMMETRIC_DEFAULT)
            .keyUsage(KeyUsage.ENCRYPT_DECRYPT)
            .enableKeyRotation(true)
            .policy(wrappingPolicy)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
  }

  /**
   * Lets {@code role} sign with the secp256k1 key the way the gateway signs (a 32-byte digest,
   * ECDSA over secp256k1) and read its public key.
   */
  public void allowSigning(String sid, IPrincipal role) {
    signingKey.addToResourcePolicy(
        statement(
            sid,
            List.of(role),
            List.of("kms:Sign"),
            Map.of(
                "StringEquals",
                new java.util.TreeMap<>(
                    Map.of(
                        "kms:SigningAlgorithm", "ECDSA_SHA_256", "kms:MessageType", "DIGEST")))));
    allowPublicKey(sid + "PublicKey", role);
  }

  /**
   * Lets {@code role} read the secp256k1 key's public key (the gateway's address), nothing else.
   */
  public void allowPublicKey(String sid, IPrincipal role) {
    signingKey.addToResourcePolicy(
        statement(sid, List.of(role), List.of("kms:GetPublicKey"), Map.of()));
  }

  /** Lets {@code role} decrypt a ciphertext bound to the signing-key purpose, nothing else. */
  public void allowUnwrapping(String sid, IPrincipal role) {
    wrappingKey.addToResourcePolicy(
        statement(
            sid, List.of(role), List.of("kms:Decrypt"), Map.of("StringEquals", purposeContext())));
  }

  public static Map<String, String> purposeContext() {
    return Map.of("kms:EncryptionContext:" + PURPOSE_CONTEXT_KEY, PURPOSE_CONTEXT_VALUE);
  }

  private static PolicyStatement administration(List<IPrincipal> admins) {
    return statement("KeyAdministration", admins, ADMIN_ACTIONS, Map.of());
  }

  /** A key policy statement: in a key policy the resource is always the key itself, "*". */
  private static PolicyStatement statement(
      String sid,
      List<IPrincipal> principals,
      List<String> actions,
      Map<String, ? extends Object> conditions) {
    PolicyStatement.Builder b =
        PolicyStatement.Builder.create()
            .sid(sid)
            .principals(principals)
            .actions(actions)
            .resources(List.of("*"));
    if (!conditions.isEmpty()) {
      b.conditions(Map.copyOf(conditions));
    }
    return b.build();
  }

  public Key signingKey() {
    return signingKey;
  }

  public Key wrappingKey() {
    return wrappingKey;
  }
}
