package dev.tollgate.functions.operator;

import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read the operator's reports: a request whose {@code Authorization} is {@code Bearer
 * <token>} with the configured token. Both tokens are hashed before comparing, and the hashes
 * compared in constant time, so neither the token's bytes nor its length show in how long a wrong
 * guess takes.
 */
public final class OperatorAccess {
  /** Long enough that guessing it over HTTP is hopeless. */
  public static final int MIN_TOKEN_CHARS = 16;

  private static final String BEARER = "bearer ";

  private final byte[] tokenHash;

  public OperatorAccess(String token) {
    Objects.requireNonNull(token, "token");
    if (token.strip().length() < MIN_TOKEN_CHARS) {
      throw new IllegalArgumentException(
          "the operator token must have at least "
              + MIN_TOKEN_CHARS
              + " characters, got "
              + token.strip().length());
    }
    this.tokenHash = sha256(token.strip());
  }

  /** Empty when {@code authorization} (the header's value, or null) carries the token. */
  public Optional<Refusal> refusal(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.of(refused("the request has no Authorization header"));
    }
    String value = authorization.strip();
    // RFC 9110 §11.1: the scheme is case-insensitive.
    if (value.length() <= BEARER.length()
        || !value.substring(0, BEARER.length()).equalsIgnoreCase(BEARER)) {
      return Optional.of(refused("the Authorization header is not 'Bearer <token>'"));
    }
    byte[] offered = sha256(value.substring(BEARER.length()).strip());
    return MessageDigest.isEqual(offered, tokenHash)
        ? Optional.empty()
        : Optional.of(refused("the bearer token is not the operator's"));
  }

  private static Refusal refused(String detail) {
    return Refusal.of(GatewayReason.UNAUTHORIZED, detail);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
