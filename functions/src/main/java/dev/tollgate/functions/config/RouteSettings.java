package dev.tollgate.functions.config;

import dev.tollgate.core.value.Uint256;
import dev.tollgate.functions.forwarding.Upstream;
import dev.tollgate.functions.paywall.PricedRoute;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One priced route, {@code tollgate.paywall.routes.<name>.*} (or {@code
 * TOLLGATE_PAYWALL_ROUTES_<NAME>_PREFIX} and so on in a Lambda's environment).
 */
@EachProperty("tollgate.paywall.routes")
public class RouteSettings {
  private final String name;
  private String prefix;
  private String price;
  private String description = "";
  private String mimeType = "application/json";
  private String upstream;

  public RouteSettings(@Parameter String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public void setPrice(String price) {
    this.price = price;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public void setMimeType(String mimeType) {
    this.mimeType = mimeType;
  }

  /** The origin a paid request is forwarded to; without one the gateway serves a receipt. */
  public void setUpstream(String upstream) {
    this.upstream = upstream;
  }

  String prefix() {
    return prefix;
  }

  Optional<Upstream> toUpstream(Duration timeout) {
    if (upstream == null || upstream.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Upstream(URI.create(upstream.strip()), timeout));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "route '"
              + name
              + "' has a bad tollgate.paywall.routes."
              + name
              + ".upstream: "
              + e.getMessage(),
          e);
    }
  }

  PricedRoute toRoute() {
    if (prefix == null || price == null) {
      throw new IllegalArgumentException(
          "route '" + name + "' needs tollgate.paywall.routes." + name + ".prefix and .price");
    }
    try {
      return new PricedRoute(prefix, Uint256.parse(price), description, mimeType);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "route '" + name + "' is misconfigured: " + e.getMessage(), e);
    }
  }
}
