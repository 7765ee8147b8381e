package dev.tollgate.bench.cost;

/** The deployed signer modes ({@code tollgate.signer.mode}), as far as they cost differently. */
public enum SignerMode {
  /** Every signature is a KMS {@code Sign} on the asymmetric secp256k1 key. */
  KMS("kms (direct KMS)"),
  /** The key is decrypted with KMS once per container start and signs in the process. */
  WRAPPED("wrapped (KMS-wrapped key)");

  private final String label;

  SignerMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
