package dev.tollgate.functions.forwarding;

import java.util.Map;
import java.util.Optional;

/** The priced routes that forward to an origin, by route prefix; the others serve a receipt. */
public record RouteUpstreams(Map<String, Upstream> byPrefix) {
  public RouteUpstreams {
    byPrefix = Map.copyOf(byPrefix);
  }

  public Optional<Upstream> forPrefix(String prefix) {
    return Optional.ofNullable(byPrefix.get(prefix));
  }
}
