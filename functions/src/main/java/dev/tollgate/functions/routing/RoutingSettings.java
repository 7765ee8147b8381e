package dev.tollgate.functions.routing;

import dev.tollgate.core.protocol.ChannelRules;
import dev.tollgate.core.value.Address;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment's place in a routed network, checked whole when the gateway starts: a publisher
 * names its hub (URL and address); a hub names its fee and the margin between the legs' timeouts; a
 * standalone gateway names neither, and a hub setting given to the wrong role is refused rather
 * than ignored, since it would mean the operator believes the gateway does something it does not.
 */
public record RoutingSettings(
    GatewayRole role,
    Optional<URI> hubUrl,
    Optional<Address> hubAddress,
    HubFee fee,
    LegTimeouts legs) {

  public RoutingSettings {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(hubUrl, "hubUrl");
    Objects.requireNonNull(hubAddress, "hubAddress");
    Objects.requireNonNull(fee, "fee");
    Objects.requireNonNull(legs, "legs");
    if (role == GatewayRole.PUBLISHER && (hubUrl.isEmpty() || hubAddress.isEmpty())) {
      throw new IllegalArgumentException(
          "tollgate.routing.role publisher needs tollgate.routing.hub-url and"
              + " tollgate.routing.hub-address (the hub's gateway address)");
    }
    if (role != GatewayRole.PUBLISHER && (hubUrl.isPresent() || hubAddress.isPresent())) {
      throw new IllegalArgumentException(
          "tollgate.routing.hub-url and hub-address are read only with tollgate.routing.role"
              + " publisher; this gateway's role is "
              + role.wireName());
    }
    if (role != GatewayRole.HUB && !fee.equals(HubFee.NONE)) {
      throw new IllegalArgumentException(
          "tollgate.routing.fee-flat and fee-ppm are a hub's; this gateway's role is "
              + role.wireName());
    }
    hubUrl.ifPresent(RoutingSettings::checkUrl);
  }

  /**
   * The settings as given, each checked by name; a hub's legs must both be transfer timeouts the
   * channel rules allow ({@link ChannelRules#defaults}'s bounds).
   */
  public static RoutingSettings of(
      String role,
      Optional<String> hubUrl,
      Optional<String> hubAddress,
      String feeFlat,
      long feePpm,
      long readerTransferTimeout,
      long legMarginSeconds) {
    GatewayRole parsed = GatewayRole.parse(role);
    Address hub =
        hubAddress
            .map(
                a -> {
                  try {
                    return Address.fromHex(a.trim());
                  } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                        "tollgate.routing.hub-address must be an address, got '" + a + "'", e);
                  }
                })
            .orElse(null);
    HubFee fee;
    try {
      fee = new HubFee(dev.tollgate.core.value.Uint256.parse(feeFlat.trim()), feePpm);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tollgate.routing.fee-flat must be base units (a decimal), got '"
              + feeFlat
              + "': "
              + e.getMessage(),
          e);
    }
    LegTimeouts legs = new LegTimeouts(readerTransferTimeout, legMarginSeconds);
    if (parsed == GatewayRole.HUB) {
      legs.checkWithin(
          ChannelRules.DEFAULT_MIN_TRANSFER_TIMEOUT_SECONDS,
          ChannelRules.DEFAULT_MAX_TRANSFER_TIMEOUT_SECONDS);
    }
    return new RoutingSettings(
        parsed, hubUrl.map(RoutingSettings::url), Optional.ofNullable(hub), fee, legs);
  }

  private static URI url(String value) {
    try {
      return new URI(value.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "tollgate.routing.hub-url must be an http(s) URL, got '" + value + "'", e);
    }
  }

  private static void checkUrl(URI url) {
    String scheme = url.getScheme();
    if (!("https".equals(scheme) || "http".equals(scheme)) || url.getHost() == null) {
      throw new IllegalArgumentException(
          "tollgate.routing.hub-url must be an http(s) URL, got '" + url + "'");
    }
  }
}
