package dev.tollgate.functions.api;

import static dev.tollgate.functions.harness.GatewayStack.ARTICLES;
import static dev.tollgate.functions.harness.GatewayStack.ARTICLE_PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.GatewayStack;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.PublisherCalls;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.SettlementResponse;
import dev.tollgate.x402.X402Headers;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Getting a resource for less than its seller's price, through the Lambda handler: minting a quote
 * without being a publisher, paying a priced route with a publisher's cheap quote, settling a cheap
 * quote at a publisher whose price is higher, one publisher's quote at another, quoting for another
 * publisher's resources, and bad {@code /quote} bodies (which once answered 500). Every refusal
 * charges nothing and stores nothing.
 */
class PricingAttacksLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private static final BigInteger ONE = BigInteger.ONE;
  private static final String NEWS = "https://news.example/articles/";
  private static final String BLOG = "https://blog.example/posts/";

  @Test
  void strangerCannotMintAQuote() {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    String[] authorizations = {
      null, "Bearer a-token-that-no-publisher-has-here", "Basic " + GatewayStack.PUBLISHER_TOKEN,
    };
    for (String authorization : authorizations) {
      var body = ChannelJson.MAPPER.createObjectNode();
      body.putObject("resource").put("url", NEWS + "1");
      body.put("amount", "1");
      Map<String, String> headers =
          authorization == null
              ? Map.of("content-type", "application/json")
              : Map.of("content-type", "application/json", "authorization", authorization);
      LambdaInvoker.Response r = stack.lambda().post("/quote", headers, ChannelJson.write(body));
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(error(r)).isEqualTo("unauthorized");
      assertThat(r.findHeader(X402Headers.PAYMENT_REQUIRED)).isEmpty();
    }
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  @Test
  void aPublishersQuoteAtOneUnitDoesNotBuyAPricedRoute() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    String path = ARTICLES + "42";
    // The test publisher sells every bare path, so the gateway quotes it this price.
    PaymentRequirements cheap = PublisherCalls.of(stack).quote(path, ONE);
    assertThat(cheap.amount().value()).isEqualTo(ONE);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    HttpPayer.Paid r = payer.pay(path, cheap);

    assertThat(r.status()).as(r.response().body()).isEqualTo(402);
    assertThat(r.settlement().errorReason()).contains("invalid_quote");
    assertThat(r.settlement().errorMessage().orElse("")).contains("another seller");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertNothingCharged(payer);
    // The route's own quote still pays its price.
    assertThat(payer.get(path).status()).isEqualTo(200);
    assertCharged(payer, ARTICLE_PRICE);
  }

  @Test
  void aCheapQuoteIsRefusedAtThePublishersPrice() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    String url = NEWS + "1500";
    BigInteger price = BigInteger.valueOf(1_500);
    PaymentRequirements cheap = news.quote(url, ONE);
    ChannelUpdate create = payer.createFor(cheap);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    JsonNode verified =
        PublisherCalls.json(news.verify(url, price, cheap, create, Optional.empty()));
    LambdaInvoker.Response settled = news.settle(url, price, cheap, create, Optional.empty());

    assertThat(verified.get("isValid").asBoolean()).isFalse();
    assertThat(verified.get("invalidReason").asText()).isEqualTo("below_price");
    assertThat(settled.status()).as(settled.body()).isEqualTo(402);
    SettlementResponse refused = SettlementResponse.fromJson(PublisherCalls.json(settled), "$");
    assertThat(refused.success()).isFalse();
    assertThat(refused.errorReason()).contains("below_price");
    assertThat(refused.errorMessage().orElse("")).contains("1500");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertNothingCharged(payer);
  }

  @Test
  void aQuoteAtThePublishersPriceSettlesForExactlyThatPrice() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    String url = NEWS + "fair";
    BigInteger price = BigInteger.valueOf(1_500);
    PaymentRequirements quote = news.quote(url, price);
    ChannelUpdate create = payer.createFor(quote);

    LambdaInvoker.Response settled = news.settle(url, price, quote, create, Optional.empty());

    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    assertCharged(payer, price);
  }

  @Test
  void onePublishersQuoteCannotBeSettledByAnother() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls blog = new PublisherCalls(stack.lambda(), GatewayStack.OTHER_PUBLISHER_TOKEN);
    PublisherCalls news = PublisherCalls.of(stack);
    // The same bare path, sold by news; a quote blog cannot mint for it, so news mints it at one
    // unit and blog tries to take it on one of its own resources.
    String blogUrl = BLOG + "1";
    PaymentRequirements newsQuote = news.quote(NEWS + "x", ONE);
    ChannelUpdate create = payer.createFor(newsQuote);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    LambdaInvoker.Response atBlog = blog.settle(blogUrl, ONE, newsQuote, create, Optional.empty());
    LambdaInvoker.Response newsOnBlogs =
        news.settle(blogUrl, ONE, newsQuote, create, Optional.empty());
    LambdaInvoker.Response blogOnNews =
        blog.settle(NEWS + "x", ONE, newsQuote, create, Optional.empty());

    assertThat(atBlog.status()).as(atBlog.body()).isEqualTo(402);
    assertThat(SettlementResponse.fromJson(PublisherCalls.json(atBlog), "$").errorReason())
        .contains("invalid_quote");
    assertThat(newsOnBlogs.status()).as(newsOnBlogs.body()).isEqualTo(403);
    assertThat(error(newsOnBlogs)).isEqualTo("resource_not_yours");
    assertThat(blogOnNews.status()).as(blogOnNews.body()).isEqualTo(403);
    assertThat(error(blogOnNews)).isEqualTo("resource_not_yours");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertNothingCharged(payer);
  }

  @Test
  void aPublisherCannotQuoteAnotherPublishersResources() {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    PublisherCalls blog = new PublisherCalls(stack.lambda(), GatewayStack.OTHER_PUBLISHER_TOKEN);

    LambdaInvoker.Response r = blog.quoteResponse(NEWS + "1", ONE);
    // Not a prefix match by accident: news.example.evil is not news.example.
    LambdaInvoker.Response lookalike =
        PublisherCalls.of(stack).quoteResponse("https://news.example.evil/articles/1", ONE);

    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(error(r)).isEqualTo("resource_not_yours");
    assertThat(detail(r)).contains("blog").contains(NEWS + "1");
    assertThat(lookalike.status()).as(lookalike.body()).isEqualTo(403);
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  @Test
  void badQuoteRequestsAreRefusedByName() {
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();
    PublisherCalls news = PublisherCalls.of(stack);
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry(
                "{\"resource\":{\"url\":\"\"},\"amount\":\"1\"}", "resource.url must not be empty"),
            Map.entry(
                "{\"resource\":{\"url\":\"   \"},\"amount\":\"1\"}",
                "resource.url must not be empty"),
            Map.entry("{\"resource\":{},\"amount\":\"1\"}", "'resource.url'"),
            Map.entry("{\"resource\":\"/x\",\"amount\":\"1\"}", "'resource'"),
            Map.entry("{\"amount\":\"1\"}", "'resource'"),
            Map.entry("{\"resource\":{\"url\":\"/x\"}}", "'amount'"),
            Map.entry(
                "{\"resource\":{\"url\":\"/x\"},\"amount\":\"0\"}", "amount must be positive"),
            Map.entry("{\"resource\":{\"url\":\"/x\"},\"amount\":\"-1\"}", "amount is not"),
            Map.entry("{\"resource\":{\"url\":\"/x\"},\"amount\":1}", "'amount'"),
            Map.entry(
                "{\"resource\":{\"url\":\"/x\",\"description\":7},\"amount\":\"1\"}",
                "resource.description must be a string"),
            Map.entry(
                "{\"resource\":{\"url\":\"/a b\"},\"amount\":\"1\"}", "whitespace or control"),
            Map.entry(
                "{\"resource\":{\"url\":\"/" + "x".repeat(3000) + "\"},\"amount\":\"1\"}",
                "more than 2048"));
    cases.forEach(
        (body, named) -> {
          LambdaInvoker.Response r = news.post("/quote", body);
          assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
          assertThat(error(r)).as(body).isEqualTo("malformed_request");
          assertThat(detail(r)).as(body).contains(named);
        });
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
  }

  @Test
  void settleWithoutThePublishersPriceIsRefusedByName() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    String url = NEWS + "unpriced";
    PaymentRequirements quote = news.quote(url, ONE);
    ChannelUpdate create = payer.createFor(quote);
    var body =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            ChannelJson.parse(PublisherCalls.body(url, ONE, quote, create, Optional.empty()));
    body.remove("price");

    LambdaInvoker.Response r = news.post("/settle", ChannelJson.write(body));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(detail(r)).contains("'price'");
    assertNothingCharged(payer);
  }

  private void assertNothingCharged(HttpPayer payer) {
    assertCharged(payer, BigInteger.ZERO);
  }

  /** The channel moved exactly {@code spent} to the gateway, locks nothing, and conserves value. */
  private void assertCharged(HttpPayer payer, BigInteger spent) {
    Channel stored = JsonAssert.stored(stack, payer);
    assertThat(stored.state().balances().get(0).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(0).amount(1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(stored.activeTransfers()).isEmpty();
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(DEPOSIT);
  }

  private static String error(LambdaInvoker.Response r) {
    return ChannelJson.parse(r.body()).path("error").asText();
  }

  private static String detail(LambdaInvoker.Response r) {
    return ChannelJson.parse(r.body()).path("detail").asText();
  }
}
