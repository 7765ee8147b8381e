package dev.tollgate.sample.site;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the publisher site is set up.
 *
 * @param siteUrl where readers reach the site (resource URLs in quotes are absolute under it)
 * @param gatewayUrl where readers' browsers reach the gateway (the widget opens channels there)
 * @param operatorToken the gateway's operator token, for the dashboard; empty hides the dashboard
 * @param receiptSeconds how long a paid article can be re-read without paying again
 * @param receiptSecret the key of the receipts' MAC, 32 bytes or more
 * @param asset the token prices are in, and how the site shows it
 */
public record SiteSettings(
    URI siteUrl,
    URI gatewayUrl,
    Optional<String> operatorToken,
    long receiptSeconds,
    byte[] receiptSecret,
    String asset,
    String assetSymbol,
    int assetDecimals) {

  public SiteSettings {
    Objects.requireNonNull(siteUrl, "siteUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(operatorToken, "operatorToken");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(assetSymbol, "assetSymbol");
    if (receiptSeconds < 1) {
      throw new IllegalArgumentException("receiptSeconds must be positive, got " + receiptSeconds);
    }
    if (assetDecimals < 0 || assetDecimals > 36) {
      throw new IllegalArgumentException("assetDecimals must be 0..36, got " + assetDecimals);
    }
    receiptSecret = receiptSecret.clone();
  }

  @Override
  public byte[] receiptSecret() {
    return receiptSecret.clone();
  }

  /** {@code path} under the site's URL, as quotes and receipts name a resource. */
  public String resourceUrl(String path) {
    String base = siteUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }
}
