package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.x402.PaymentRequirements;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two HMACs a quote book computes with its secret: the quote MAC {@code HMAC-SHA256(secret,
 * "tollgate/quote-mac/v1" ‖ terms ‖ claims)} (each part length-prefixed) and the preImage {@code
 * HMAC-SHA256(secret, "tollgate/preimage" ‖ quoteId)}. The two inputs start with different domain
 * strings (they differ at the tenth byte), so no MAC input is ever a preImage input.
 */
final class QuoteKeys {
  static final int MIN_SECRET_BYTES = 32;
  private static final String HMAC = "HmacSHA256";
  private static final byte[] MAC_DOMAIN = ascii("tollgate/quote-mac/v1");
  private static final byte[] PREIMAGE_DOMAIN = ascii("tollgate/preimage");

  private final SecretKeySpec key;
  private final byte[] termsEncoding;

  QuoteKeys(byte[] secret, QuoteTerms terms) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the quote secret needs at least "
              + MIN_SECRET_BYTES
              + " bytes (HMAC-SHA256's strength), got "
              + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), HMAC);
    this.termsEncoding = encodeTerms(terms);
  }

  /** The MAC over a token's claims under this book's terms. */
  byte[] mac(byte[] claims) {
    Mac mac = newMac();
    for (byte[] part : new byte[][] {MAC_DOMAIN, termsEncoding, claims}) {
      // length-prefixed, so no two different part lists feed the MAC the same bytes
      mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** Exactly {@code HMAC(secret, "tollgate/preimage" ‖ quoteId)}, the documented formula. */
  Bytes32 preImage(String quoteId) {
    Mac mac = newMac();
    mac.update(PREIMAGE_DOMAIN);
    mac.update(ascii(quoteId));
    return Bytes32.of(mac.doFinal());
  }

  /** A Mac per call: instances are not thread-safe, and making one costs microseconds. */
  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM provides HmacSHA256", e);
    }
  }

  /** One field a line: addresses, numbers and the network never contain a newline. */
  private static byte[] encodeTerms(QuoteTerms t) {
    String canonical =
        String.join(
            "\n",
            PaymentRequirements.SCHEME,
            t.network(),
            t.asset().toString(),
            t.payTo().toString(),
            t.channelFactory().toString(),
            t.transferRegistry().toString(),
            t.hashlockDefinition().toString(),
            Long.toString(t.transferTimeoutSeconds()),
            t.lockExpiry().canonical());
    return canonical.getBytes(StandardCharsets.UTF_8);
  }

  /** Quote ids are base64url, so ASCII; the domains are ours. */
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "QuoteKeys[<hidden>]";
  }
}
