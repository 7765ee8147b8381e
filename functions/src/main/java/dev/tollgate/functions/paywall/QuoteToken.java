package dev.tollgate.functions.paywall;

import static dev.tollgate.x402.refusal.PaywallReason.INVALID_QUOTE;

import dev.tollgate.core.value.Bytes32;
import dev.tollgate.core.value.Hex;
import dev.tollgate.core.value.Uint256;
import dev.tollgate.x402.refusal.Checked;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The quote id: base64url (no padding) of {@code claims ‖ mac} with claims = {@code version(1) ‖
 * expiresAt(8) ‖ nonce(32) ‖ resourceTag(16) ‖ issuerTag(16) ‖ amountLength(1) ‖ amount}. The
 * claims travel in the token, not just under the MAC, so that once the MAC holds the gateway can
 * say <em>which</em> claim failed (expired, another resource, another seller, a lower price)
 * instead of a bare "invalid". The resource tag is the first 16 bytes of SHA-256 of the URL:
 * finding another URL with the same tag is a 2^128 second-preimage search; the issuer tag is {@link
 * QuoteIssuer#tag}. About 150 characters for everyday amounts.
 *
 * <p>Version 2 added the issuer: a version-1 token named no seller, so it is refused.
 */
final class QuoteToken {
  static final int VERSION = 2;
  static final int MAC_BYTES = 32;
  static final int TAG_BYTES = 16;
  private static final int FIXED_CLAIM_BYTES = 1 + 8 + 32 + TAG_BYTES + TAG_BYTES + 1;
  private static final int MAX_BYTES = FIXED_CLAIM_BYTES + 32 + MAC_BYTES;

  /** Longer than any token this gateway makes; checked before decoding anything. */
  static final int MAX_CHARS = (MAX_BYTES * 4 + 2) / 3;

  final long expiresAt;
  final Bytes32 nonce;
  private final byte[] resourceTag;
  private final byte[] issuerTag;
  final Uint256 amount;
  private final byte[] claims;
  private final byte[] mac;

  private QuoteToken(
      long expiresAt,
      Bytes32 nonce,
      byte[] resourceTag,
      byte[] issuerTag,
      Uint256 amount,
      byte[] claims,
      byte[] mac) {
    this.expiresAt = expiresAt;
    this.nonce = nonce;
    this.resourceTag = resourceTag;
    this.issuerTag = issuerTag;
    this.amount = amount;
    this.claims = claims;
    this.mac = mac;
  }

  /** The bytes the MAC covers (after the gateway's terms). */
  static byte[] claims(
      long expiresAt, Bytes32 nonce, String resourceUrl, QuoteIssuer issuer, Uint256 amount) {
    byte[] amountBytes = minimalBytes(amount);
    ByteBuffer b = ByteBuffer.allocate(FIXED_CLAIM_BYTES + amountBytes.length);
    b.put((byte) VERSION).putLong(expiresAt).put(nonce.toArray()).put(resourceTag(resourceUrl));
    b.put(issuer.tag());
    b.put((byte) amountBytes.length).put(amountBytes);
    return b.array();
  }

  static String encode(byte[] claims, byte[] mac) {
    byte[] all = Arrays.copyOf(claims, claims.length + mac.length);
    System.arraycopy(mac, 0, all, claims.length, mac.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /** Reads the structure only; whether the gateway issued it is the MAC's question. */
  static Checked<QuoteToken> decode(String quoteId) {
    if (quoteId.length() > MAX_CHARS) {
      return invalid("quoteId is " + quoteId.length() + " characters, longer than any quote");
    }
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(quoteId);
    } catch (IllegalArgumentException e) {
      return invalid("quoteId is not base64url: " + Hex.abbreviate(quoteId));
    }
    // One string per token: the preImage derives from the string, and base64 lets a string's
    // unused trailing bits vary without changing the bytes.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(all).equals(quoteId)) {
      return invalid("quoteId is not canonical unpadded base64url: " + Hex.abbreviate(quoteId));
    }
    if (all.length < FIXED_CLAIM_BYTES + MAC_BYTES) {
      return invalid("quoteId is too short (" + all.length + " bytes): " + Hex.abbreviate(quoteId));
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    int version = b.get() & 0xff;
    if (version != VERSION) {
      return invalid("quoteId has version " + version + ", expected " + VERSION);
    }
    long expiresAt = b.getLong();
    byte[] nonce = new byte[32];
    b.get(nonce);
    byte[] tag = new byte[TAG_BYTES];
    b.get(tag);
    byte[] issuer = new byte[TAG_BYTES];
    b.get(issuer);
    int amountLength = b.get() & 0xff;
    if (amountLength > 32 || all.length != FIXED_CLAIM_BYTES + amountLength + MAC_BYTES) {
      return invalid("quoteId has a bad length for its amount: " + Hex.abbreviate(quoteId));
    }
    byte[] amount = new byte[amountLength];
    b.get(amount);
    byte[] mac = new byte[MAC_BYTES];
    b.get(mac);
    return Checked.ok(
        new QuoteToken(
            expiresAt,
            Bytes32.of(nonce),
            tag,
            issuer,
            Uint256.of(new BigInteger(1, amount)),
            Arrays.copyOf(all, all.length - MAC_BYTES),
            mac));
  }

  byte[] claims() {
    return claims.clone();
  }

  /** Constant time: a timing leak would let a forger learn the MAC byte by byte. */
  boolean macEquals(byte[] expected) {
    return MessageDigest.isEqual(mac, expected);
  }

  boolean isFor(String resourceUrl) {
    return MessageDigest.isEqual(resourceTag, resourceTag(resourceUrl));
  }

  boolean isIssuedBy(QuoteIssuer issuer) {
    return MessageDigest.isEqual(issuerTag, issuer.tag());
  }

  static byte[] resourceTag(String url) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(hash, TAG_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }

  private static byte[] minimalBytes(Uint256 amount) {
    byte[] word = amount.toWord();
    int skip = 0;
    while (skip < word.length && word[skip] == 0) {
      skip++;
    }
    return Arrays.copyOfRange(word, skip, word.length);
  }

  private static Checked<QuoteToken> invalid(String detail) {
    return Checked.refused(INVALID_QUOTE, detail);
  }
}
