package dev.tollgate.functions.paywall;

import dev.tollgate.core.value.Uint256;
import java.util.Objects;

/**
 * A price for every path under {@code prefix}: what a publisher configures per section of a site or
 * per API. A zero price serves the route free through the same path, the unpaid baseline.
 */
public record PricedRoute(String prefix, Uint256 price, String description, String mimeType) {
  public PricedRoute {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(mimeType, "mimeType");
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException("a route prefix starts with '/', got '" + prefix + "'");
    }
  }

  public boolean covers(String path) {
    return path.startsWith(prefix);
  }

  public boolean isFree() {
    return price.isZero();
  }
}
