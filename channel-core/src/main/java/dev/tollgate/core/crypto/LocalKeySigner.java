package dev.tollgate.core.crypto;

import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.security.SecureRandom;

/** A secp256k1 key held in memory: for development, tests, payers and the KMS-wrapped mode. */
public final class LocalKeySigner implements Signer {
  private final byte[] privateKey;
  private final byte[] publicKey;
  private final Address address;

  private LocalKeySigner(byte[] privateKey) {
    this.privateKey = privateKey;
    this.publicKey = Secp256k1Signatures.publicKey(privateKey);
    this.address = Address.fromPublicKey(publicKey, 1);
  }

  public static LocalKeySigner fromPrivateKey(byte[] privateKey) {
    return new LocalKeySigner(privateKey.clone());
  }

  public static LocalKeySigner fromHex(String privateKeyHex) {
    return new LocalKeySigner(Hex.decode(privateKeyHex));
  }

  public static LocalKeySigner random(SecureRandom random) {
    while (true) {
      byte[] candidate = new byte[32];
      random.nextBytes(candidate);
      try {
        return new LocalKeySigner(candidate);
      } catch (IllegalArgumentException outsideCurveOrder) {
        // about 1 in 2^128: draw again
      }
    }
  }

  @Override
  public Address address() {
    return address;
  }

  @Override
  public Signature sign(Bytes32 digest) {
    return Secp256k1Signatures.sign(digest, privateKey, publicKey);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "LocalKeySigner[" + address + "]";
  }
}
