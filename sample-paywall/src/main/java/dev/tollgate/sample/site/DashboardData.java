package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.paywall.GatewayClient;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What the publisher dashboard shows, gathered from the gateway's operator routes with the site's
 * token (which never reaches the browser): revenue over the last hour by minute, the open channels,
 * the latest payments and the disputes still running.
 */
final class DashboardData {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("tollgate.site");
  static final long WINDOW_SECONDS = 3_600;
  static final long BUCKET_SECONDS = 60;

  private final OperatorClient gateway;
  private final SiteSettings settings;
  private final LongSupplier nowSeconds;

  DashboardData(OperatorClient gateway, SiteSettings settings, LongSupplier nowSeconds) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.nowSeconds = Objects.requireNonNull(nowSeconds, "nowSeconds");
  }

  SiteResponse read() {
    long to = (nowSeconds.getAsLong() / BUCKET_SECONDS + 1) * BUCKET_SECONDS;
    long from = to - WINDOW_SECONDS;
    ObjectNode out = SiteResponse.JSON.createObjectNode();
    out.put("asset", settings.asset());
    out.put("assetSymbol", settings.assetSymbol());
    out.put("assetDecimals", settings.assetDecimals());
    String[][] parts = {
      {
        "revenue",
        "/operator/revenue?from=" + from + "&to=" + to + "&bucketSeconds=" + BUCKET_SECONDS
      },
      {"channels", "/operator/channels?limit=100"},
      {"payments", "/operator/payments?limit=20"},
      {"disputes", "/operator/disputes"}
    };
    for (String[] part : parts) {
      GatewayClient.Answer answer = gateway.get(part[1]);
      if (answer.status() != 200) {
        // the gateway's answer goes to the log; the page learns only which route and status
        LOG.warn("the gateway answered {} with {}: {}", part[1], answer.status(), answer.body());
        return SiteResponse.error(
            502,
            "gateway_refused",
            "the gateway answered " + part[0] + " with status " + answer.status());
      }
      out.set(part[0], answer.body());
    }
    return SiteResponse.json(200, out);
  }
}
