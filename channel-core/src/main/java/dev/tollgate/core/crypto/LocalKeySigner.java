package dev.tollgate.core.crypto;

import dev.tollgate.core.port.Signer;
import dev.tollgate.core.value.Address;
import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Signature;
import java.math.BigInteger;
import java.security.SecureRandom;

/** A secp256k1 key held in memory: for development, tests, payers and the KMS-wrapped mode. */
public final class LocalKeySigner implements Signer {
  private final byte[] privateKey;
  private final BigInteger scalar;
  private final Address address;

  private LocalKeySigner(byte[] privateKey) {
    this.privateKey = privateKey;
    this.address = Address.fromPublicKey(Secp256k1Signatures.publicKey(privateKey), 1);
    this.scalar = new BigInteger(1, privateKey);
  }

  public static LocalKeySigner fromPrivateKey(byte[] privateKey) {
    if (privateKey == null) {
      throw new IllegalArgumentException("private key is missing");
    }
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
    return Secp256k1Signatures.sign(digest, privateKey, scalar);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "LocalKeySigner[" + address + "]";
  }
}
