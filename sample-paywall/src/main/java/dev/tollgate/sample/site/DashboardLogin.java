package dev.tollgate.sample.site;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The publisher's login to the dashboard: one configured password, and a session cookie the site
 * MACs with its expiry, so the site stores nothing per session. Both checks take the same time
 * whatever they are given: the password is compared as a SHA-256 digest, the MAC with {@link
 * MessageDigest#isEqual}.
 *
 * <p>The session key is derived from the site's secret and the password, so changing the password
 * ends every session, and sessions are not receipts (a different key from the receipts' MAC).
 */
final class DashboardLogin {
  static final String COOKIE = "tollgate_dashboard";

  /** How long a login lasts: a working day. */
  static final long SESSION_SECONDS = 8 * 3_600;

  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int MAX_TOKEN_CHARS = 256;
  private static final String VERSION = "v1";

  private final byte[] passwordDigest;
  private final SecretKeySpec sessionKey;
  private final SecureRandom random = new SecureRandom();

  DashboardLogin(String password, byte[] siteSecret) {
    this.passwordDigest = sha256(password);
    this.sessionKey =
        new SecretKeySpec(
            hmac(
                new SecretKeySpec(siteSecret, ALGORITHM),
                ("tollgate dashboard session\0" + password).getBytes(StandardCharsets.UTF_8)),
            ALGORITHM);
  }

  /** Whether {@code offered} is the password, in time independent of where they differ. */
  boolean passwordMatches(String offered) {
    return offered != null && MessageDigest.isEqual(sha256(offered), passwordDigest);
  }

  /** A new session token valid until {@code nowSeconds + SESSION_SECONDS}. */
  String issue(long nowSeconds) {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String payload =
        VERSION + ":" + (nowSeconds + SESSION_SECONDS) + ":" + HexFormat.of().formatHex(nonce);
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(hmac(sessionKey, body));
  }

  /** Whether {@code token} is a session this site issued that has not expired at {@code now}. */
  boolean valid(String token, long nowSeconds) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      return false;
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return false;
    }
    byte[] body;
    byte[] tag;
    try {
      body = DECODER.decode(token.substring(0, dot));
      tag = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    if (!MessageDigest.isEqual(tag, hmac(sessionKey, body))) {
      return false;
    }
    String[] parts = new String(body, StandardCharsets.UTF_8).split(":");
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      return false;
    }
    try {
      return Long.parseLong(parts[1]) > nowSeconds;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The cookie that holds {@code token}: for the dashboard's paths only, never for scripts. */
  static String cookie(String token, boolean secure) {
    return COOKIE
        + "="
        + token
        + "; Path=/dashboard; Max-Age="
        + SESSION_SECONDS
        + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }

  /** The cookie that ends the session in the browser. */
  static String clearedCookie(boolean secure) {
    return COOKIE
        + "=; Path=/dashboard; Max-Age=0; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] hmac(SecretKeySpec key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
