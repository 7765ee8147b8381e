package dev.tollgate.sample.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.client.PaymentRefusedException;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.core.crypto.LocalKeySigner;
import dev.tollgate.sample.SharedStack;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 2 through the sample site: a reader who pays a cheaper quote (the metered API's
 * 100, the gateway's demo route) and sends that payment to an article priced 1,500 is not served,
 * and is charged nothing; the article is served for its price. The reader's client is honest; the
 * attack is in the HTTP client under it, which sends the paid request to the article instead.
 */
class UnderpaidSiteTest {
  private static final String ARTICLE = "/articles/state-channels-explained/content";
  private static final BigInteger ARTICLE_PRICE = BigInteger.valueOf(1_500);

  @Test
  void theMeteredApisQuoteDoesNotBuyAnArticle(@TempDir Path dir) throws Exception {
    // The site's own quote, for another of its resources.
    assertNotServedCheaply(dir, SharedStack.site("/api/quotes?symbol=ACME"), "resource_mismatch");
  }

  @Test
  void theGatewaysDemoRouteQuoteDoesNotBuyAnArticle(@TempDir Path dir) throws Exception {
    // The gateway's route table issued it, not the site.
    assertNotServedCheaply(
        dir, SharedStack.get().gatewayUrl().resolve("/paid/demo/cheap"), "invalid_quote");
  }

  @Test
  void anArticleIsServedForItsPrice(@TempDir Path dir) throws Exception {
    TollgateClient reader = FundedReaders.funded(dir, randomSigner(), HttpClient.newHttpClient());
    BigInteger opened = reader.balance().value();
    SharedStack.Revenue before = SharedStack.revenue();

    HttpResponse<String> served =
        reader.send(
            HttpRequest.newBuilder(SharedStack.site(ARTICLE)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(opened.subtract(reader.balance().value())).isEqualTo(ARTICLE_PRICE);
    assertThat(SharedStack.revenue().total().subtract(before.total())).isEqualTo(ARTICLE_PRICE);
  }

  /**
   * A gateway that answers {@code /settle} with a genuine settlement of a cheaper payment (a
   * compromised or misconfigured one): the site checks what the create locks and serves nothing.
   */
  @Test
  void theSiteDoesNotServeOnASettlementBelowItsPrice(@TempDir Path dir) throws Exception {
    AtomicReference<String> payment = new AtomicReference<>();
    AtomicReference<String> settlement = new AtomicReference<>();
    HttpClient recording =
        new ForwardingHttpClient(HttpClient.newHttpClient()) {
          @Override
          public <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler)
              throws IOException, InterruptedException {
            r.headers().firstValue("PAYMENT-SIGNATURE").ifPresent(payment::set);
            HttpResponse<T> answer = super.send(r, handler);
            answer.headers().firstValue("PAYMENT-RESPONSE").ifPresent(settlement::set);
            return answer;
          }
        };
    TollgateClient reader = FundedReaders.funded(dir, randomSigner(), recording);
    HttpResponse<String> call =
        reader.send(
            HttpRequest.newBuilder(SharedStack.site("/api/quotes?symbol=ACME")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(call.statusCode()).isEqualTo(200);
    byte[] cheapSettlement = Base64.getDecoder().decode(settlement.get());

    HttpServer lying = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    lying.createContext(
        "/settle",
        e -> {
          try (e) {
            e.getResponseHeaders().add("content-type", "application/json");
            e.sendResponseHeaders(200, cheapSettlement.length);
            e.getResponseBody().write(cheapSettlement);
          }
        });
    lying.start();
    SiteSettings settings =
        new SiteSettings(
            URI.create("http://127.0.0.1:1"),
            URI.create("http://127.0.0.1:" + lying.getAddress().getPort()),
            "a-publisher-token-for-the-lying-gateway",
            Optional.empty(),
            60,
            new byte[32],
            SharedStack.get().deployment().testToken().toChecksumHex(),
            "TEST",
            6,
            Optional.empty());
    try (PublisherSite site =
        PublisherSite.start(0, settings, Catalogue.demo(), Optional.empty(), () -> 0)) {
      HttpResponse<String> article =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(site.url().resolve(ARTICLE))
                      .header("PAYMENT-SIGNATURE", payment.get())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(article.statusCode()).as(article.body()).isEqualTo(502);
      assertThat(article.body()).contains("settled_below_price").doesNotContain("A state channel");
      assertThat(article.headers().firstValue("set-cookie")).isEmpty();
    } finally {
      lying.stop(0);
    }
  }

  /** Pays {@code cheap}'s 402 and sends that payment to the article; nothing may be served. */
  private void assertNotServedCheaply(Path dir, URI cheap, String reason) throws Exception {
    URI article = SharedStack.site(ARTICLE);
    AtomicReference<HttpResponse<?>> answered = new AtomicReference<>();
    HttpClient redirecting =
        new ForwardingHttpClient(HttpClient.newHttpClient()) {
          @Override
          public <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler)
              throws IOException, InterruptedException {
            if (r.uri().equals(cheap) && r.headers().firstValue("PAYMENT-SIGNATURE").isPresent()) {
              HttpResponse<T> answer =
                  super.send(
                      HttpRequest.newBuilder(r, (n, v) -> true).uri(article).build(), handler);
              answered.set(answer);
              return answer;
            }
            return super.send(r, handler);
          }
        };
    TollgateClient reader = FundedReaders.funded(dir, randomSigner(), redirecting);
    BigInteger opened = reader.balance().value();
    SharedStack.Revenue before = SharedStack.revenue();

    assertThatThrownBy(
            () ->
                reader.send(
                    HttpRequest.newBuilder(cheap).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOfSatisfying(
            PaymentRefusedException.class, e -> assertThat(e.errorReason()).isEqualTo(reason));

    assertThat(answered.get()).as("the payment reached the article").isNotNull();
    assertThat(answered.get().statusCode()).isEqualTo(402);
    reader.catchUp();
    assertThat(reader.balance().value()).isEqualTo(opened);
    assertThat(SharedStack.revenue()).isEqualTo(before);
  }

  private static LocalKeySigner randomSigner() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return LocalKeySigner.fromPrivateKey(key);
  }
}
