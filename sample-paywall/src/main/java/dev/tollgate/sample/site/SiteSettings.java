package dev.tollgate.sample.site;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the publisher site is set up.
 *
 * @param siteUrl where readers reach the site (resource URLs in quotes are absolute under it)
 * @param gatewayUrl where readers' browsers reach the gateway (the widget opens channels there)
 * @param publisherToken the site's bearer token as a publisher of the gateway: it quotes and
 *     settles with it, and nobody without it can quote the site's resources
 * @param operatorToken the gateway's operator token, for the dashboard; empty hides the dashboard
 * @param receiptSeconds how long a paid article can be re-read without paying again
 * @param receiptSecret the key of the receipts' MAC, 32 bytes or more
 * @param asset the token prices are in, and how the site shows it
 * @param dashboardPassword the publisher's password for the dashboard (at least 12 characters); the
 *     dashboard exists only with it and the operator token
 */
public record SiteSettings(
    URI siteUrl,
    URI gatewayUrl,
    String publisherToken,
    Optional<String> operatorToken,
    long receiptSeconds,
    byte[] receiptSecret,
    String asset,
    String assetSymbol,
    int assetDecimals,
    Optional<String> dashboardPassword) {
  /** The shortest dashboard password accepted. */
  public static final int MIN_PASSWORD_CHARS = 12;

  public SiteSettings {
    Objects.requireNonNull(siteUrl, "siteUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(operatorToken, "operatorToken");
    Objects.requireNonNull(publisherToken, "publisherToken");
    if (publisherToken.isBlank()) {
      throw new IllegalArgumentException("the site needs its publisher token for the gateway");
    }
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(assetSymbol, "assetSymbol");
    if (receiptSeconds < 1) {
      throw new IllegalArgumentException("receiptSeconds must be positive, got " + receiptSeconds);
    }
    if (assetDecimals < 0 || assetDecimals > 36) {
      throw new IllegalArgumentException("assetDecimals must be 0..36, got " + assetDecimals);
    }
    Objects.requireNonNull(dashboardPassword, "dashboardPassword");
    if (dashboardPassword.isPresent()) {
      if (dashboardPassword.get().length() < MIN_PASSWORD_CHARS) {
        throw new IllegalArgumentException(
            "the dashboard password must have at least " + MIN_PASSWORD_CHARS + " characters");
      }
      if (operatorToken.isEmpty()) {
        throw new IllegalArgumentException(
            "a dashboard password needs the operator token: the dashboard reads the gateway's"
                + " operator routes");
      }
    }
    receiptSecret = receiptSecret.clone();
  }

  /** Whether the site has a dashboard: a password to log in with and a token to read with. */
  public boolean hasDashboard() {
    return dashboardPassword.isPresent() && operatorToken.isPresent();
  }

  @Override
  public byte[] receiptSecret() {
    return receiptSecret.clone();
  }

  /** Without the secrets: settings get logged, the token and password must not be. */
  @Override
  public String toString() {
    return "SiteSettings[siteUrl="
        + siteUrl
        + ", gatewayUrl="
        + gatewayUrl
        + ", publisherToken=<set>, operatorToken="
        + (operatorToken.isPresent() ? "<set>" : "<none>")
        + ", receiptSeconds="
        + receiptSeconds
        + ", asset="
        + asset
        + ", dashboardPassword="
        + (dashboardPassword.isPresent() ? "<set>" : "<none>")
        + "]";
  }

  /** {@code path} under the site's URL, as quotes and receipts name a resource. */
  public String resourceUrl(String path) {
    String base = siteUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }
}
