package dev.tollgate.core.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6979 HMAC-SHA256 DRBG seeded with {@code privateKey ‖ (digest mod n)}, exactly as
 * libsecp256k1's default nonce function: successive outputs are the nonces it would try in turn, so
 * signatures are byte-identical to libsecp256k1's and ethers'.
 */
final class Rfc6979Nonces {
  private static final String HMAC = "HmacSHA256";

  private final Mac mac;
  private byte[] k = new byte[32];
  private byte[] v = new byte[32];
  private boolean retry;

  Rfc6979Nonces(byte[] privateKey, byte[] reducedDigest) {
    try {
      mac = Mac.getInstance(HMAC);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides HmacSHA256", e);
    }
    Arrays.fill(v, (byte) 0x01);
    byte[] seed = new byte[64];
    System.arraycopy(privateKey, 0, seed, 0, 32);
    System.arraycopy(reducedDigest, 0, seed, 32, 32);
    k = hmac(k, v, new byte[] {0x00}, seed);
    v = hmac(k, v);
    k = hmac(k, v, new byte[] {0x01}, seed);
    v = hmac(k, v);
    Arrays.fill(seed, (byte) 0);
  }

  /** The next 32-byte candidate. */
  byte[] next() {
    if (retry) {
      k = hmac(k, v, new byte[] {0x00});
      v = hmac(k, v);
    }
    v = hmac(k, v);
    retry = true;
    return v.clone();
  }

  private byte[] hmac(byte[] key, byte[]... parts) {
    try {
      mac.init(new SecretKeySpec(key, HMAC));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("a 32-byte HMAC key is always valid", e);
    }
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }
}
