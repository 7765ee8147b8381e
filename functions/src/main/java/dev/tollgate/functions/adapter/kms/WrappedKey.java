package dev.tollgate.functions.adapter.kms;

import dev.tollgate.core.value.Address;
import java.util.Base64;
import java.util.Objects;

/**
 * A secp256k1 private key encrypted under a KMS symmetric key, with the address it signs for. Safe
 * to store in configuration: only a principal allowed to Decrypt with the KMS key can use it.
 */
public final class WrappedKey {
  private final byte[] ciphertext;
  private final Address address;

  public WrappedKey(byte[] ciphertext, Address address) {
    if (ciphertext == null || ciphertext.length == 0) {
      throw new IllegalArgumentException("wrapped key ciphertext is missing or empty");
    }
    this.ciphertext = ciphertext.clone();
    this.address = Objects.requireNonNull(address, "address is missing");
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The ciphertext as configuration usually stores it. */
  public String ciphertextBase64() {
    return Base64.getEncoder().encodeToString(ciphertext);
  }

  public Address address() {
    return address;
  }

  @Override
  public String toString() {
    return "WrappedKey[" + address + ", " + ciphertext.length + "-byte ciphertext]";
  }
}
