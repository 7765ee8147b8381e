package dev.tollgate.sample.site;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The site's static files from the classpath's {@code site/assets/}: the bundled widget and
 * dashboard scripts (built by esbuild from npm packages, never from a CDN) and the stylesheet.
 */
final class StaticAssets {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,80}");
  private static final Map<String, String> TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "map", "application/json",
          "txt", "text/plain; charset=utf-8",
          "png", "image/png",
          "svg", "image/svg+xml");

  private StaticAssets() {}

  static Optional<SiteResponse> asset(String name) {
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      return Optional.empty();
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = StaticAssets.class.getResourceAsStream("/site/assets/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(
          SiteResponse.builder(200, type)
              .header("Cache-Control", "no-cache")
              .body(in.readAllBytes())
              .build());
    } catch (IOException e) {
      throw new IllegalStateException("reading the asset " + name + " failed", e);
    }
  }
}
