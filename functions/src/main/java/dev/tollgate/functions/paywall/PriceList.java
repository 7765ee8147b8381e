package dev.tollgate.functions.paywall;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The configured routes; a path takes the price of the longest prefix that covers it. */
public record PriceList(List<PricedRoute> routes) {
  public PriceList {
    routes =
        routes.stream()
            .sorted(Comparator.comparingInt((PricedRoute r) -> r.prefix().length()).reversed())
            .toList();
    long distinct = routes.stream().map(PricedRoute::prefix).distinct().count();
    if (distinct != routes.size()) {
      throw new IllegalArgumentException("two routes share a prefix: " + routes);
    }
  }

  public Optional<PricedRoute> routeFor(String path) {
    return routes.stream().filter(r -> r.covers(path)).findFirst();
  }
}
