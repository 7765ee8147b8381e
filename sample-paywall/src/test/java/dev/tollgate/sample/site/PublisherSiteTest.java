package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.sample.SharedStack;
import dev.tollgate.sample.dev.FreePorts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher site against the local stack: an article paid once and re-read on its receipt, a
 * receipt that opens nothing else, bad input refused by name with nothing charged, and an
 * unreachable gateway reported as such.
 */
class PublisherSiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient plain = HttpClient.newHttpClient();

  @Test
  void anArticleIsPaidOnceAndReReadOnItsReceipt(@TempDir Path dir) throws Exception {
    Article first = Catalogue.demo().articles().get(0);
    Article second = Catalogue.demo().articles().get(1);
    TollgateClient reader = fundedReader(dir);
    BigInteger opened = reader.balance().value();

    HttpResponse<String> paid = reader.send(content(first), HttpResponse.BodyHandlers.ofString());
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(paid.body());
    assertThat(body.get("paid").asBoolean()).isTrue();
    assertThat(body.get("html").asText()).isEqualTo(first.html());
    String setCookie = paid.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("tollgate_receipt=")
        .contains("Path=/articles/" + first.slug(), "HttpOnly", "Max-Age=");
    String receiptCookie = setCookie.substring(0, setCookie.indexOf(';'));
    String transfer = body.get("receipt").get("transferId").asText();
    assertThat(settlement(paid).get("transaction").asText()).isEqualTo(transfer);
    assertThat(reader.balance().value()).isEqualTo(opened.subtract(first.price()));
    long nonceAfterPaying = reader.gatewayChannel().nonce();

    // what a browser sends back on the next visit to the article
    HttpResponse<String> reread =
        send(
            HttpRequest.newBuilder(SharedStack.site("/articles/" + first.slug() + "/content"))
                .header("Cookie", receiptCookie)
                .build());
    assertThat(reread.statusCode()).isEqualTo(200);
    JsonNode again = JSON.readTree(reread.body());
    assertThat(again.get("paid").asBoolean()).isFalse();
    assertThat(again.get("receipt").get("transferId").asText()).isEqualTo(transfer);
    assertThat(reread.headers().firstValue("PAYMENT-RESPONSE")).isEmpty();
    assertThat(reader.gatewayChannel().nonce()).isEqualTo(nonceAfterPaying);
    assertThat(reader.balance().value()).isEqualTo(opened.subtract(first.price()));

    // the first article's receipt is not the second's
    HttpResponse<String> unpaidOther =
        send(
            HttpRequest.newBuilder(SharedStack.site("/articles/" + second.slug() + "/content"))
                .header("Cookie", receiptCookie)
                .build());
    assertThat(unpaidOther.statusCode()).isEqualTo(402);
    HttpResponse<String> other = reader.send(content(second), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(other.body()).get("paid").asBoolean()).isTrue();
    assertThat(reader.balance().value())
        .isEqualTo(opened.subtract(first.price()).subtract(second.price()));
  }

  @Test
  void anAlteredReceiptIsAskedToPay() throws Exception {
    Article article = Catalogue.demo().articles().get(2);
    HttpResponse<String> forged =
        plain.send(
            HttpRequest.newBuilder(SharedStack.site("/articles/" + article.slug() + "/content"))
                .header("Cookie", "tollgate_receipt=eyJyIjoieCJ9.AAAA")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(402);
    assertThat(forged.headers().firstValue("PAYMENT-REQUIRED")).isPresent();
  }

  @Test
  void badInputIsRefusedByNameAndChargesNothing() throws Exception {
    SharedStack.Revenue before = SharedStack.revenue();
    assertRefused(get("/api/quotes?symbol=acme"), 400, "bad_symbol", "acme");
    assertRefused(get("/api/quotes"), 400, "bad_symbol", "null");
    assertRefused(get("/articles/no-such-thing/content"), 404, "no_such_article", "no-such-thing");
    assertRefused(
        send(paidRequest("/api/quotes?symbol=ACME", "%%%not-base64")),
        400,
        "invalid_payload",
        "PAYMENT-SIGNATURE");
    assertRefused(
        send(paidRequest("/api/quotes?symbol=ACME", "A".repeat(20_000))),
        431,
        "payment_header_too_large",
        "20000");
    assertRefused(
        send(
            HttpRequest.newBuilder(SharedStack.site("/api/quotes?symbol=ACME"))
                .header("PAYMENT-SIGNATURE", "e30=")
                .header("PAYMENT-SIGNATURE", "e30=")
                .build()),
        400,
        "invalid_payload",
        "carries 2 PAYMENT-SIGNATURE headers");
    String notAPayment = Base64.getEncoder().encodeToString("{\"x402Version\":2}".getBytes());
    HttpResponse<String> refused = send(paidRequest("/api/quotes?symbol=ACME", notAPayment));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("error").asText()).isNotBlank();
    assertRefused(post("/faucet", "{\"address\":\"0x12\"}"), 400, "bad_address", "0x12");
    assertRefused(post("/faucet", "not json"), 400, "bad_address", "address");
    assertThat(get("/faucet").statusCode()).isEqualTo(405);
    SharedStack.Revenue after = SharedStack.revenue();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void anUnreachableGatewayIsReportedAsSuch() throws Exception {
    int closed = FreePorts.take(1).get(0);
    SiteSettings settings =
        new SiteSettings(
            URI.create("http://127.0.0.1:1"),
            URI.create("http://127.0.0.1:" + closed),
            "a-publisher-token-for-no-gateway",
            Optional.empty(),
            60,
            new byte[32],
            "0x0000000000000000000000000000000000000001",
            "TEST",
            6,
            Optional.empty());
    try (PublisherSite site =
        PublisherSite.start(0, settings, Catalogue.demo(), Optional.empty(), () -> 0)) {
      HttpResponse<String> response =
          plain.send(
              HttpRequest.newBuilder(site.url().resolve("/api/quotes?symbol=ACME")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertRefused(response, 502, "gateway_unreachable", "127.0.0.1:" + closed);
      assertThat(
              plain
                  .send(
                      HttpRequest.newBuilder(site.url().resolve("/dashboard")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as("no operator token, no dashboard")
          .isEqualTo(404);
    }
  }

  private static TollgateClient fundedReader(Path dir) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return FundedReaders.funded(
        dir, LocalKeySigner.fromPrivateKey(key), HttpClient.newHttpClient());
  }

  private static HttpRequest content(Article article) {
    return HttpRequest.newBuilder(SharedStack.site("/articles/" + article.slug() + "/content"))
        .build();
  }

  private static JsonNode settlement(HttpResponse<String> response) throws Exception {
    return JSON.readTree(
        Base64.getDecoder()
            .decode(response.headers().firstValue("PAYMENT-RESPONSE").orElseThrow()));
  }

  private static HttpRequest paidRequest(String path, String header) {
    return HttpRequest.newBuilder(SharedStack.site(path))
        .header("PAYMENT-SIGNATURE", header)
        .build();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(SharedStack.site(path)).build());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(SharedStack.site(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return plain.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(
      HttpResponse<String> response, int status, String error, String detailMentions)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo(error);
    assertThat(body.get("detail").asText()).contains(detailMentions);
  }
}
