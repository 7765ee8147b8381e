package dev.tollgate.functions.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured bearer token (the operator's, a publisher's), kept only as its SHA-256. Offered
 * tokens are hashed before comparing, and the hashes compared in constant time, so neither the
 * token's bytes nor its length show in how long a wrong guess takes.
 */
public final class BearerToken {
  /** Long enough that guessing it over HTTP is hopeless. */
  public static final int MIN_TOKEN_CHARS = 16;

  private static final String BEARER = "bearer ";

  private final byte[] hash;

  /**
   * @param whose names the token in the error, e.g. "the operator token"
   */
  public BearerToken(String token, String whose) {
    Objects.requireNonNull(token, "token");
    if (token.strip().length() < MIN_TOKEN_CHARS) {
      throw new IllegalArgumentException(
          whose
              + " must have at least "
              + MIN_TOKEN_CHARS
              + " characters, got "
              + token.strip().length());
    }
    this.hash = sha256(token.strip());
  }

  /**
   * The token an {@code Authorization} header (its value, or null) offers, or why it offers none.
   */
  public static Offered offered(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return new Offered(Optional.empty(), "the request has no Authorization header");
    }
    String value = authorization.strip();
    // RFC 9110 §11.1: the scheme is case-insensitive.
    if (value.length() <= BEARER.length()
        || !value.substring(0, BEARER.length()).equalsIgnoreCase(BEARER)) {
      return new Offered(Optional.empty(), "the Authorization header is not 'Bearer <token>'");
    }
    return new Offered(Optional.of(sha256(value.substring(BEARER.length()).strip())), "");
  }

  public boolean matches(Offered offered) {
    return offered.hash().isPresent() && MessageDigest.isEqual(offered.hash().get(), hash);
  }

  /** An offered token's hash, or empty with the reason there is none. */
  public record Offered(Optional<byte[]> hash, String missing) {}

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Never prints the token or its hash. */
  @Override
  public String toString() {
    return "BearerToken[hidden]";
  }
}
