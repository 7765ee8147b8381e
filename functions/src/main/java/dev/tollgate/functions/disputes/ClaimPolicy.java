package dev.tollgate.functions.disputes;

import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * When the gateway closes a channel on chain to collect what a silent payer owes: after {@code
 * idleSeconds} without a payer signature, if at least {@code minimumClaim} is owed (a dispute costs
 * gas, so a tiny claim is left alone). {@code idleSeconds} 0 turns claiming off.
 */
public record ClaimPolicy(long idleSeconds, Uint256 minimumClaim, int maxChannelsPerRun) {
  public ClaimPolicy {
    Objects.requireNonNull(minimumClaim, "minimumClaim");
    if (idleSeconds < 0) {
      throw new IllegalArgumentException(
          "tollgate.disputes.claim-idle-after-seconds must not be negative, got " + idleSeconds);
    }
    if (maxChannelsPerRun < 1) {
      throw new IllegalArgumentException(
          "tollgate.disputes.max-claims-per-run must be at least 1, got " + maxChannelsPerRun);
    }
  }

  public boolean enabled() {
    return idleSeconds > 0;
  }
}
