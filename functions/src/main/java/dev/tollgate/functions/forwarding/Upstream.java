package dev.tollgate.functions.forwarding;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The origin a priced route forwards to once it is paid: the request's path below the route's
 * prefix is appended to {@code origin} (prefix {@code /paid/api/}, origin {@code
 * https://api.example/v1/}: {@code /paid/api/quotes?s=A} is {@code
 * https://api.example/v1/quotes?s=A}).
 *
 * @param timeout how long the origin may take to answer, connection included
 */
public record Upstream(URI origin, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public Upstream {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = origin.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme))
        || origin.getHost() == null
        || origin.getRawQuery() != null
        || origin.getRawFragment() != null
        || origin.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "an upstream origin is an http(s) URL with a host and no query, fragment or user-info,"
              + " got '"
              + origin
              + "'");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(25)) > 0) {
      throw new IllegalArgumentException(
          "an upstream timeout is more than 0 s and at most 25 s (API Gateway waits 30 s), got "
              + timeout);
    }
  }

  /**
   * The origin's URL for {@code remainder} (the path below the route's prefix) and {@code query}.
   */
  public URI target(String remainder, String rawQuery) {
    String base = origin.toString();
    String path =
        base.endsWith("/") && remainder.startsWith("/") ? remainder.substring(1) : remainder;
    return URI.create(base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
  }
}
