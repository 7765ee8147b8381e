package dev.tollgate.sample.site;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/** One article the publisher sells: its price is in the gateway's asset, in base units. */
public record Article(String slug, String title, String teaser, String html, BigInteger price) {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public Article {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(teaser, "teaser");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(price, "price");
    if (!SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException(
          "slug must be lower-case words joined by '-', got " + slug);
    }
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price of " + slug + " must be positive, got " + price);
    }
  }
}
