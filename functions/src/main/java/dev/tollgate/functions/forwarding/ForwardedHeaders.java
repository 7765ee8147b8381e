package dev.tollgate.functions.forwarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection;
 * the payment's headers are the gateway's business and never reach the origin; and the origin may
 * not speak for the gateway, so its own payment headers never reach the payer.
 */
final class ForwardedHeaders {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "trailers",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "expect");

  private static final Set<String> PAYMENT =
      Set.of("payment-signature", "payment-required", "payment-response", "tollgate-resend");

  /**
   * Who the client is, as a proxy would say: a client's own claim is not passed on, so an origin
   * that trusts these headers from the gateway cannot be told a false address.
   */
  private static final Set<String> CLIENT_CLAIMS =
      Set.of("forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip");

  private ForwardedHeaders() {}

  static Map<String, List<String>> kept(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!HOP_BY_HOP.contains(lower)
              && !PAYMENT.contains(lower)
              && !CLIENT_CLAIMS.contains(lower)
              && !lower.startsWith("x-amzn-")
              && !lower.startsWith(":")) {
            out.computeIfAbsent(lower, k -> new java.util.ArrayList<>()).addAll(values);
          }
        });
    return out;
  }
}
