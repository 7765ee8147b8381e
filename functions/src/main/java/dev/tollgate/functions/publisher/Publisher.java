package dev.tollgate.functions.publisher;

import dev.tollgate.functions.operator.BearerToken;
import dev.tollgate.functions.paywall.QuoteIssuer;
import java.util.List;
import java.util.Objects;

/**
 * A publisher allowed to use the facilitator routes: its name, its bearer token, and the resource
 * URLs it sells (prefixes). A prefix is an absolute {@code http(s)} URL with at least the {@code /}
 * after the host, so {@code https://news.example.com/} never covers {@code
 * https://news.example.com.evil.example/}, or a path starting with {@code /} for a publisher that
 * names resources by path.
 */
public record Publisher(String name, BearerToken token, List<String> resourcePrefixes) {
  public Publisher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(token, "token");
    if (!QuoteIssuer.PUBLISHER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "publisher name '" + name + "' must match " + QuoteIssuer.PUBLISHER_NAME);
    }
    resourcePrefixes = List.copyOf(resourcePrefixes);
    if (resourcePrefixes.isEmpty()) {
      throw new IllegalArgumentException("publisher '" + name + "' has no resource prefixes");
    }
    for (String prefix : resourcePrefixes) {
      if (!isPrefix(prefix)) {
        throw new IllegalArgumentException(
            "publisher '"
                + name
                + "' has resource prefix '"
                + prefix
                + "': a prefix is an http(s) URL with a path (https://host/...) or a path"
                + " starting with '/'");
      }
    }
  }

  public QuoteIssuer issuer() {
    return QuoteIssuer.publisher(name);
  }

  public boolean sells(String resourceUrl) {
    return resourcePrefixes.stream().anyMatch(resourceUrl::startsWith);
  }

  private static boolean isPrefix(String prefix) {
    if (prefix.startsWith("/")) {
      return !prefix.startsWith("//");
    }
    for (String scheme : List.of("https://", "http://")) {
      if (prefix.startsWith(scheme)) {
        int slash = prefix.indexOf('/', scheme.length());
        return slash > scheme.length();
      }
    }
    return false;
  }
}
