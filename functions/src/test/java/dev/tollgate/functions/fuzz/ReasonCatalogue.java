package dev.tollgate.functions.fuzz;

import dev.tollgate.core.failure.FailureReason;
import dev.tollgate.functions.refusal.GatewayReason;
import dev.tollgate.x402.refusal.PaywallReason;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every refusal the gateway can name, from its three fixed catalogues (the paywall's, the gateway
 * API's, channel-core's), with the HTTP status each maps to.
 */
final class ReasonCatalogue {
  private static final Map<String, Integer> STATUS_BY_REASON = build();

  private ReasonCatalogue() {}

  private static Map<String, Integer> build() {
    Map<String, Integer> out = new HashMap<>();
    for (PaywallReason r : PaywallReason.values()) {
      out.put(r.errorReason(), r.httpStatus());
    }
    for (GatewayReason r : GatewayReason.values()) {
      out.put(r.errorReason(), r.httpStatus());
    }
    for (FailureReason r : FailureReason.values()) {
      out.put(r.errorReason(), r.httpStatus());
    }
    return Map.copyOf(out);
  }

  /** The status {@code errorReason} maps to, or empty if no catalogue has it. */
  static Optional<Integer> statusOf(String errorReason) {
    return Optional.ofNullable(STATUS_BY_REASON.get(errorReason));
  }

  static int size() {
    return STATUS_BY_REASON.size();
  }
}
