package dev.tollgate.infra.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One priced route under {@code /paid/}, as the functions read it from {@code
 * TOLLGATE_PAYWALL_ROUTES_<NAME>_*}. The name becomes part of environment variable names, so it is
 * lower-case letters and digits only. {@code upstream}, when set, is the origin a paid request is
 * forwarded to.
 */
public record PricedRouteConfig(
    String name,
    String prefix,
    SettingValue price,
    String description,
    String mimeType,
    java.util.Optional<String> upstream) {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");
  static final Pattern PRICE = Pattern.compile("0|[1-9][0-9]{0,76}");

  public PricedRouteConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(upstream, "upstream");
  }

  /** The environment variable of this route's {@code field} (prefix, price, description, ...). */
  public String environmentVariable(String field) {
    return "TOLLGATE_PAYWALL_ROUTES_" + name.toUpperCase(java.util.Locale.ROOT) + "_" + field;
  }
}
