package dev.tollgate.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.json.ChannelJson;
import dev.tollgate.core.protocol.Channel;
import dev.tollgate.core.update.ChannelUpdate;
import dev.tollgate.functions.LambdaInvoker;
import dev.tollgate.functions.harness.Conservation;
import dev.tollgate.functions.harness.HttpPayer;
import dev.tollgate.functions.harness.PublisherCalls;
import dev.tollgate.functions.harness.StoredTables;
import dev.tollgate.x402.PaymentPayload;
import dev.tollgate.x402.PaymentRequirements;
import dev.tollgate.x402.ResourceInfo;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway as a stock x402 resource server's facilitator: {@code GET /supported}, and {@code
 * /verify} and {@code /settle} with x402's {@code {x402Version, paymentPayload,
 * paymentRequirements}}, the price taken from the requirements; refusals are answers with x402's
 * codes and Tollgate's reason leading the message, and store nothing.
 */
class X402FacilitatorLambdaTest extends OnStackTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(100_000);
  private static final BigInteger PRICE = BigInteger.valueOf(2_500);
  private static final String URL = "https://news.example/api/x402";

  @Test
  void supportedNamesVectorHashlockOnTheGatewaysNetworkAndItsSigner() {
    LambdaInvoker.Response r = stack.lambda().get("/supported", Map.of());

    assertThat(r.status()).isEqualTo(200);
    JsonNode supported = ChannelJson.parse(r.body());
    JsonNode kind = supported.get("kinds").get(0);
    assertThat(supported.get("kinds").size()).isEqualTo(1);
    assertThat(kind.get("x402Version").asInt()).isEqualTo(2);
    assertThat(kind.get("scheme").asText()).isEqualTo("vector-hashlock");
    assertThat(kind.get("network").asText()).isEqualTo(stack.network().caip2());
    assertThat(kind.get("extra").get("payTo").asText()).isEqualToIgnoringCase(gateway.toString());
    assertThat(kind.get("extra").get("assets").get(0).asText())
        .isEqualToIgnoringCase(stack.token().toString());
    PaymentRequirements quoted = PublisherCalls.of(stack).quote(URL, PRICE);
    assertThat(kind.get("extra").get("transferTimeout").asText())
        .isEqualTo(quoted.extra().transferTimeout().toDecimal());
    assertThat(supported.get("extensions").isArray()).isTrue();
    assertThat(supported.get("signers").get("eip155:*").get(0).asText())
        .isEqualToIgnoringCase(gateway.toString());
  }

  @Test
  void aStockFacilitatorRequestVerifiesAndSettlesAtTheRequirementsAmount() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    PaymentRequirements quote = news.quote(URL, PRICE);
    ChannelUpdate create = payer.createFor(quote);
    String body = x402Body(quote, create, quote.toJson());

    JsonNode verified = PublisherCalls.json(news.post("/verify", body));
    LambdaInvoker.Response settled = news.post("/settle", body);

    assertThat(verified.get("isValid").asBoolean()).as(verified.toString()).isTrue();
    assertThat(verified.get("payer").asText()).isEqualTo(payer.payer().address().toChecksumHex());
    assertThat(settled.status()).as(settled.body()).isEqualTo(200);
    JsonNode settlement = ChannelJson.parse(settled.body());
    assertThat(settlement.get("success").asBoolean()).isTrue();
    assertThat(settlement.get("network").asText()).isEqualTo(stack.network().caip2());
    assertThat(settlement.get("transaction").asText()).startsWith("0x").hasSize(66);
    JsonNode scheme = settlement.get("extensions").get("vector-hashlock");
    assertThat(scheme.get("createUpdate")).isEqualTo(settlement.get("createUpdate"));
    assertThat(scheme.get("resolveUpdate")).isEqualTo(settlement.get("resolveUpdate"));
    assertCharged(payer, PRICE);
  }

  @Test
  void refusalsAreAnswersWithX402CodesAndChargeNothing() throws Exception {
    HttpPayer payer = funded(DEPOSIT);
    PublisherCalls news = PublisherCalls.of(stack);
    PaymentRequirements quote = news.quote(URL, PRICE);
    ChannelUpdate create = payer.createFor(quote);
    StoredTables.Snapshot before = StoredTables.of(stack).snapshot();

    ObjectNode exact = (ObjectNode) ChannelJson.parse(x402Body(quote, create, quote.toJson()));
    ((ObjectNode) exact.get("paymentPayload").get("accepted")).put("scheme", "exact");
    assertInvalid(news.post("/verify", ChannelJson.write(exact)), "unsupported_scheme", "");
    ObjectNode v1 = (ObjectNode) ChannelJson.parse(x402Body(quote, create, quote.toJson()));
    v1.put("x402Version", 1);
    assertInvalid(news.post("/verify", ChannelJson.write(v1)), "invalid_x402_version", "");
    // The server now asks more than the quote: its price wins.
    ObjectNode dearer = quote.toJson();
    dearer.put("amount", PRICE.add(BigInteger.ONE).toString());
    assertInvalid(
        news.post("/verify", x402Body(quote, create, dearer)), "invalid_payload", "below_price:");
    ObjectNode noAmount = quote.toJson();
    noAmount.remove("amount");
    assertInvalid(
        news.post("/verify", x402Body(quote, create, noAmount)),
        "invalid_payment_requirements",
        "");
    LambdaInvoker.Response refusedSettle = news.post("/settle", x402Body(quote, create, dearer));

    assertThat(refusedSettle.status()).as(refusedSettle.body()).isEqualTo(200);
    JsonNode failed = ChannelJson.parse(refusedSettle.body());
    assertThat(failed.get("success").asBoolean()).isFalse();
    assertThat(failed.get("errorReason").asText()).isEqualTo("invalid_payload");
    assertThat(failed.get("errorMessage").asText()).startsWith("below_price:");
    assertThat(failed.get("transaction").asText()).isEmpty();
    assertThat(failed.get("network").asText()).isEqualTo(stack.network().caip2());
    assertThat(refusedSettle.body()).doesNotContain("aliceSignature");
    assertThat(StoredTables.of(stack).snapshot()).isEqualTo(before);
    assertCharged(payer, BigInteger.ZERO);

    // Taken once; the same payment again is an answer naming the transaction state.
    assertThat(news.post("/settle", x402Body(quote, create, quote.toJson())).status())
        .isEqualTo(200);
    LambdaInvoker.Response again = news.post("/settle", x402Body(quote, create, quote.toJson()));
    JsonNode used = ChannelJson.parse(again.body());
    assertThat(again.status()).isEqualTo(200);
    assertThat(used.get("success").asBoolean()).isFalse();
    assertThat(used.get("errorReason").asText()).isEqualTo("invalid_transaction_state");
    assertThat(used.get("errorMessage").asText()).startsWith("payment_already_used:");
    assertThat(again.body()).doesNotContain("aliceSignature");
  }

  @Test
  void aStrangerIsRefusedWithoutAnAnswerItCouldUse() {
    LambdaInvoker.Response r =
        new PublisherCalls(stack.lambda(), null)
            .post(
                "/settle", "{\"x402Version\":2,\"paymentPayload\":{},\"paymentRequirements\":{}}");
    assertThat(r.status()).isEqualTo(401);
    assertThat(ChannelJson.parse(r.body()).get("error").asText()).isEqualTo("unauthorized");
  }

  private static String x402Body(
      PaymentRequirements accepted, ChannelUpdate create, ObjectNode requirements) {
    ObjectNode body = ChannelJson.MAPPER.createObjectNode();
    body.put("x402Version", 2);
    body.set(
        "paymentPayload",
        PaymentPayload.of(new ResourceInfo(URL, "", "application/json"), accepted, create)
            .toJson());
    body.set("paymentRequirements", requirements);
    return ChannelJson.write(body);
  }

  private static void assertInvalid(LambdaInvoker.Response r, String code, String messageStart) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode answer = ChannelJson.parse(r.body());
    assertThat(answer.get("isValid").asBoolean()).isFalse();
    assertThat(answer.get("invalidReason").asText()).as(r.body()).isEqualTo(code);
    assertThat(answer.get("invalidMessage").asText()).startsWith(messageStart).isNotBlank();
  }

  private void assertCharged(HttpPayer payer, BigInteger spent) {
    Channel stored = JsonAssert.stored(stack, payer);
    assertThat(stored.state().balances().get(0).amount(0).value()).isEqualTo(spent);
    assertThat(stored.state().balances().get(0).amount(1).value())
        .isEqualTo(DEPOSIT.subtract(spent));
    assertThat(stored.activeTransfers()).isEmpty();
    assertThat(Conservation.heldAndLocked(stored)).isEqualTo(DEPOSIT);
  }
}
