package dev.tollgate.functions.operator;

import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.Refusal;
import java.util.Optional;

/**
 * Who may read the operator's reports: a request whose {@code Authorization} is {@code Bearer
 * <token>} with the configured token, compared as {@link BearerToken} does.
 */
public final class OperatorAccess {
  /** Long enough that guessing it over HTTP is hopeless. */
  public static final int MIN_TOKEN_CHARS = BearerToken.MIN_TOKEN_CHARS;

  private final BearerToken token;

  public OperatorAccess(String token) {
    this.token = new BearerToken(token, "the operator token");
  }

  /** Empty when {@code authorization} (the header's value, or null) carries the token. */
  public Optional<Refusal> refusal(String authorization) {
    BearerToken.Offered offered = BearerToken.offered(authorization);
    if (offered.hash().isEmpty()) {
      return Optional.of(refused(offered.missing()));
    }
    return token.matches(offered)
        ? Optional.empty()
        : Optional.of(refused("the bearer token is not the operator's"));
  }

  private static Refusal refused(String detail) {
    return Refusal.of(GatewayReason.UNAUTHORIZED, detail);
  }
}
