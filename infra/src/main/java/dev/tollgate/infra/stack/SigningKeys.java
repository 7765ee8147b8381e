package dev.tollgate.infra.stack;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.constructs.Construct;

/**
 * The gateway's keys. The secp256k1 key is the gateway's identity on chain: channels name its
 * address and hold its money, so it outlives the stack (a destroyed key would strand every
 * channel's funds). The symmetric key wraps a local signing key in the {@code wrapped} mode and is
 * kept for the same reason.
 */
public final class SigningKeys extends Construct {
  /** Bound into a wrapped key's ciphertext by the functions; a Decrypt grant requires it. */
  public static final String PURPOSE_CONTEXT_KEY = "tollgate:purpose";

  public static final String PURPOSE_CONTEXT_VALUE = "secp256k1-signing-key";

  private final Key signingKey;
  private final Key wrappingKey;

  public SigningKeys(Construct scope, String id) {
    super(scope, id);
    signingKey =
        Key.Builder.create(this, "Signing")
            .description("Tollgate gateway signing key (secp256k1): the gateway's Ethereum address")
            .keySpec(KeySpec.ECC_SECG_P256K1)
            .keyUsage(KeyUsage.SIGN_VERIFY)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    wrappingKey =
        Key.Builder.create(this, "Wrapping")
            .description("Tollgate key-wrapping key: encrypts the wrapped-mode signing key")
            .keySpec(KeySpec.SYMMETRIC_DEFAULT)
            .keyUsage(KeyUsage.ENCRYPT_DECRYPT)
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
  }

  public Key signingKey() {
    return signingKey;
  }

  public Key wrappingKey() {
    return wrappingKey;
  }
}
