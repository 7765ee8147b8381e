package dev.tollgate.infra.config;

/**
 * How the deployed gateway signs. Both keys are always created (and retained), so that switching is
 * a redeploy; but the mode fixes the gateway's Ethereum address, and channels are opened with that
 * address: choose once, before the first channel.
 */
public enum SignerMode {
  /** Every signature by KMS ({@code kms:Sign} on the secp256k1 key). */
  KMS("kms"),
  /** A secp256k1 key kept encrypted under the symmetric KMS key, decrypted once per container. */
  WRAPPED("wrapped");

  private final String property;

  SignerMode(String property) {
    this.property = property;
  }

  /** The value of the functions' {@code tollgate.signer.mode}. */
  public String property() {
    return property;
  }

  static SignerMode parse(String value) {
    for (SignerMode mode : values()) {
      if (mode.property.equals(value)) {
        return mode;
      }
    }
    throw new DeploymentConfigException(
        "tollgate:signerMode must be kms or wrapped, got '" + value + "'");
  }
}
