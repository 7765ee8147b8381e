package dev.tollgate.functions.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a deployment is in a routed network. The same functions, tables and keys serve each role;
 * the role decides which channels the gateway keeps beside its readers'.
 */
public enum GatewayRole {
  /** Readers' channels with this gateway only: every payment is direct (the default). */
  STANDALONE,
  /**
   * Readers open channels with the hub, which forwards their payments to the publisher gateways it
   * has channels with (the hub is alice in both).
   */
  HUB,
  /**
   * A publisher's gateway with a channel to a hub (the publisher is bob): it offers payment through
   * that hub beside its direct offer.
   */
  PUBLISHER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static GatewayRole parse(String value) {
    for (GatewayRole r : values()) {
      if (r.wireName().equals(value == null ? null : value.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "tollgate.routing.role must be one of "
            + Arrays.stream(values()).map(GatewayRole::wireName).collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }
}
